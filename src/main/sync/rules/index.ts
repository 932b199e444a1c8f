// One sync rule per queued operation, checked by the compiler: an operation declared with
// sync metadata and no rule here, or a rule for anything else, does not build. The push
// (push.ts), coalescing, translation and conflicts read these; none of them names an
// operation.
import type { QueuedName } from '../../../shared/operations/index'
import { catalogRules } from './catalog'
import { certificateRules } from './certificates'
import { classRules } from './classes'
import { courseRules } from './courses'
import { gradingRules } from './grading'
import type { SyncRule } from './rule'
import { userRules } from './users'

export const SYNC_RULES: { readonly [N in QueuedName]: SyncRule<N> } = {
  ...userRules,
  ...courseRules,
  ...gradingRules,
  ...classRules,
  ...catalogRules,
  ...certificateRules,
}

/** The rule of a stored record's operation; undefined for a name no declaration queues (a record from a newer or older app). */
export function ruleOf(operation: string): SyncRule<QueuedName> | undefined {
  return (SYNC_RULES as Record<string, SyncRule<QueuedName>>)[operation]
}

export type { Queued, RuleContext, Sent, SyncRule } from './rule'
