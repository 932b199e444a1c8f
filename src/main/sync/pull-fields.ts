// For each pulled entity: the fields sync compares three ways (base, server, local), where
// each lives in a list record, in the local row, and in a queued update's input.
export interface PulledField {
  /** Key in the hosted list record. */
  api: string
  /** Column of the local row. */
  column: string
  /** Key in the queued update operation's input, when the update carries it. */
  updateKey?: string
  label: string
}

export interface PulledEntity {
  entity: 'user' | 'course'
  table: 'users' | 'courses'
  listOperation: string
  /** The detail operation that answers 404 once a row is gone on the server. */
  detailOperation: string
  updateOperation: string
  fields: PulledField[]
  /** Natural key for adopting an unmapped local row: list key and column. */
  naturalKey: { api: string; column: string }
}

export const PULLED: PulledEntity[] = [
  {
    entity: 'user',
    table: 'users',
    listOperation: 'users.tabularList',
    detailOperation: 'users.get',
    updateOperation: 'users.update',
    naturalKey: { api: 'email', column: 'email_key' },
    fields: [
      { api: 'first_name', column: 'first_name', updateKey: 'firstName', label: 'First name' },
      { api: 'last_name', column: 'last_name', updateKey: 'lastName', label: 'Last name' },
      { api: 'email', column: 'email', updateKey: 'email', label: 'Email' },
      { api: 'user_type', column: 'user_type', label: 'User type' },
    ],
  },
  {
    entity: 'course',
    table: 'courses',
    listOperation: 'courses.tabularList',
    detailOperation: 'courses.get',
    updateOperation: 'courses.update',
    naturalKey: { api: 'slug', column: 'slug' },
    fields: [
      { api: 'name', column: 'name', updateKey: 'name', label: 'Course name' },
      { api: 'slug', column: 'slug', updateKey: 'slug', label: 'Slug' },
      { api: 'status', column: 'status', updateKey: 'status', label: 'Status' },
    ],
  },
]
