// The grade form's values: the points and the message, as typed (text).

export interface GradeValues {
  points: string
  message: string
}

export const EMPTY_VALUES: GradeValues = { points: '', message: '' }

export const sameValues = (a: GradeValues, b: GradeValues) => a.points === b.points && a.message === b.message
