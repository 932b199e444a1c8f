// Class registration is the classes domain's (it queues its own class/enroll per learner);
// the import hands it the users of each class, after checking every class in the dry run.
import type { EngineContext } from '../../context'
import { LmsError, untranslated } from '../../errors'
import { enrollUsersInClass } from '../classes/enroll'
import { assertOpen, findClass } from '../classes/queries'

/** Why each class id cannot take learners: it does not exist, or its session is signed off. */
export function classProblems(ctx: EngineContext, ids: readonly number[]): Map<number, string> {
  const problems = new Map<number, string>()
  for (const id of new Set(ids)) {
    const cls = findClass(ctx, id)
    if (!cls) {
      problems.set(id, `No class has id ${id}.`)
      continue
    }
    try {
      assertOpen(cls)
    } catch (error) {
      if (!(error instanceof LmsError)) throw error
      problems.set(id, error.message)
    }
  }
  return problems
}

export function enrollInClasses(ctx: EngineContext, classId: number, userIds: readonly number[], groupId: number | null): void {
  enrollUsersInClass(ctx, classId, [...userIds], groupId)
}
