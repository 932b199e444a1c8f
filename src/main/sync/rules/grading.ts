// Rules for the module library (assignments, discussions) and for learners' work: a
// submission is appended, an evaluation carries absolute values. Grades and submissions
// keep their order per learner's module (a later grade sent before an earlier one that
// failed would be overwritten by it on the retry); grades of different rows go side by
// side, each checked against the hosted LMS's current grade first.
import { checkGradeBeforeSend, gradeSent } from '../grade-conflicts'
import { findInList, type Lookup } from '../lookups'
import { idInAnswer, type RuleContext, type SyncRule } from './rule'

/** A library module by name (its documented list, search_param moduleName), the newest not mapped here. */
function moduleByName(ctx: RuleContext, list: 'assignments' | 'discussions', name: string): Promise<Lookup> {
  const mapped = new Set(ctx.sql.all(ctx.sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', 'module')).map((r) => r.server_id))
  return findInList(
    ctx.client,
    list,
    { search_param: JSON.stringify({ moduleName: name }), order_by: JSON.stringify({ colName: 'id', direction: 'desc' }) },
    (r) => r.name === name && !mapped.has(r.id),
  )
}

const wholeBody = <T extends { id: number }>(_create: unknown, update: T) => {
  const { id: _id, ...body } = update
  return { input: body, consumed: true }
}

const byStatusRow = (input: { statusRowId: number }) => `module_status:${input.statusRowId}`

export const gradingRules = {
  'assignments.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET modules/assignment (search_param moduleName), matched by name', find: (ctx, _r, sent) => moduleByName(ctx, 'assignments', String(sent.name)) },
    folds: { 'assignments.update': wholeBody },
  },
  'assignments.update': { kind: 'update', supersedes: true },
  'discussions.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET modules/discussion (search_param moduleName), matched by name', find: (ctx, _r, sent) => moduleByName(ctx, 'discussions', String(sent.name)) },
    folds: { 'discussions.update': wholeBody },
  },
  'discussions.update': { kind: 'update', supersedes: true },
  // A submission is appended; its own id is never referred to later, so nothing is mapped.
  'assignments.submit': { kind: 'update', orderKey: byStatusRow },
  'assignments.evaluate': {
    kind: 'update',
    orderKey: byStatusRow,
    supersedes: true,
    parallel: true,
    // A grade's conflict is kept on its module status row; the check below asks.
    conflictRow: () => null,
    check: (ctx, record, sent, now) => checkGradeBeforeSend(ctx.sql, ctx.client, record, sent, now),
    accepted: (ctx, record, sent) => gradeSent(ctx.client, sent, record.input.evaluation),
  },
} satisfies {
  [N in 'assignments.create' | 'assignments.update' | 'discussions.create' | 'discussions.update' | 'assignments.submit' | 'assignments.evaluate']: SyncRule<N>
}
