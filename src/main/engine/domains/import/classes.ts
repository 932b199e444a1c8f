// Class registration is the classes domain's (it queues its own class/enroll per learner);
// the import hands it the users of each class, after checking every class in the dry run.
import type { EngineContext } from '../../context'
import { LmsError } from '../../errors'
import { enrollUsersInClass, assertOpen, findClass } from '../classes/index'
import { said, type Said } from './said'

/** Why each class id cannot take learners: it does not exist, or its session is signed off. */
export function classProblems(ctx: EngineContext, ids: readonly number[]): Map<number, Said> {
  const problems = new Map<number, Said>()
  for (const id of new Set(ids)) {
    const cls = findClass(ctx, id)
    if (!cls) {
      problems.set(id, said('reason.import.option_class_unknown', { id: String(id) }))
      continue
    }
    try {
      assertOpen(cls)
    } catch (error) {
      if (!(error instanceof LmsError)) throw error
      problems.set(id, { message: error.message, reason: error.reason ?? { key: 'reason.invalid_data' } })
    }
  }
  return problems
}

export function enrollInClasses(ctx: EngineContext, classId: number, userIds: readonly number[], groupId: number | null): void {
  enrollUsersInClass(ctx, classId, [...userIds], groupId)
}
