// Drains the change queue to the hosted LMS, oldest first: one record at a time, except
// grades of different submissions, a few side by side (see UPDATE_WINDOW and
// WINDOWS_IN_FLIGHT).
//  - A record is marked `sending` (and its attempt counted) before its request goes out.
//  - A create whose earlier attempt has no known outcome is first looked up by its natural
//    key, and the id found is adopted instead of sending it again; a look-up that gets no
//    answer proves nothing, so the create waits instead of being sent blind.
//  - The server id of a create is mapped in the same transaction that marks it done.
//  - Records of one row keep their order; a record whose parent is not on the server yet
//    waits with a reason; a refused (4xx) record is parked and never wedges unrelated ones.
//  - Deletes of users and courses, and enrollments into a course, wait for older enrollment
//    removals; grades and submissions keep their order per learner's module.
//  - No answer / 5xx / 429 back off with jitter; 429 and 503 hold the whole queue until
//    Retry-After; 401 pauses the whole queue without spending the record's retries.
import { prepared } from '../engine/db/prepared'
import type { Sql } from '../engine/db/sql'
import type { ChangeRecordRow } from '../engine/db/schema'
import { adapterFor, type AdapterContext, type QueuedRecord, type SyncAdapter } from './adapters'
import type { HostedClient, HostedOutcome } from './hosted-client'
import { readMeta, writeMeta } from '../engine/meta'
import { checkGradeBeforeSend } from './grade-conflicts'
import { openConflictOn } from './conflicts'
import { mapIds, mappedServerId, translate } from './translate'

export const UNSENT_STATES = ['pending', 'sending', 'parked'] as const

/** Until when the hosted LMS asked (429/503) that nothing be sent: it limits the client, not one record. */
export const HOLD_UNTIL_KEY = 'sync.hold_until'

export interface PushResult {
  pushed: number
  parked: number
  blocked: number
  /** Why the drain stopped before the queue was empty, if it did. */
  stoppedBecause: 'unauthorized' | 'offline' | 'rate_limited' | null
  retryAfterMs: number | null
}

export interface PushDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  random?: () => number
  /** Called after each record settles, for progress and status events. */
  onProgress?: (done: number, total: number) => void
}

const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 10 * 60_000

/** Exponential backoff with full jitter (AWS architecture blog), floored at half the step. */
export function backoffMs(attempts: number, random: () => number): number {
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

function toQueued(row: ChangeRecordRow): QueuedRecord {
  return { id: row.id, operation: row.operation, entity: row.entity, local_id: row.local_id, input: JSON.parse(row.input) as Record<string, unknown> }
}

/**
 * Merges records never attempted: a later update of the same row replaces an earlier one
 * (updates carry absolute values), and a row created and deleted without either being
 * sent is not sent at all.
 */
export function coalesce(sql: Sql): number {
  let removed = 0
  sql.transaction(() => {
    const rows = sql.all(
      sql.qb.selectFrom('change_records').selectAll().where('state', '=', 'pending').where('attempts', '=', 0).where('local_id', 'is not', null).orderBy('id'),
    )
    const byRow = new Map<string, ChangeRecordRow[]>()
    for (const row of rows) {
      const key = `${row.entity}:${row.local_id}`
      byRow.set(key, [...(byRow.get(key) ?? []), row])
    }
    const drop = (ids: number[]) => {
      if (!ids.length) return
      removed += sql.run(sql.qb.deleteFrom('change_records').where('id', 'in', ids).where('attempts', '=', 0).where('state', '=', 'pending')).changes
    }
    for (const group of byRow.values()) {
      const kinds = group.map((r) => adapterFor(r.operation).kind)
      const createIndex = kinds.indexOf('create')
      const deleteIndex = kinds.lastIndexOf('delete')
      if (createIndex >= 0 && deleteIndex > createIndex) {
        drop(group.slice(createIndex, deleteIndex + 1).map((r) => r.id))
        continue
      }
      // Keep the last of each update operation; earlier ones of the same operation are superseded.
      const lastOf = new Map<string, number>()
      group.forEach((r, i) => {
        if (kinds[i] === 'update') lastOf.set(r.operation, i)
      })
      const superseded = group.filter((r, i) => kinds[i] === 'update' && lastOf.get(r.operation) !== i && supersedes(r.operation))
      drop(superseded.map((r) => r.id))
      if (createIndex < 0) continue
      // A create never sent takes the values of the updates after it: one request instead of two.
      const create = group[createIndex]
      let input = JSON.parse(create.input) as Record<string, unknown>
      const folded: number[] = []
      let changed = false
      for (const update of group.slice(createIndex + 1)) {
        if (superseded.includes(update)) continue
        const fold = FOLDS[`${create.operation}<${update.operation}`]
        if (!fold) continue
        const result = fold(input, JSON.parse(update.input) as Record<string, unknown>)
        input = result.input
        changed = true
        if (result.consumed) folded.push(update.id)
      }
      if (changed) sql.run(sql.qb.updateTable('change_records').set({ input: JSON.stringify(input) }).where('id', '=', create.id))
      drop(folded)
    }
  })
  return removed
}

type Fold = (create: Record<string, unknown>, update: Record<string, unknown>) => { input: Record<string, unknown>; consumed: boolean }

/** The update's body without its id is the create's body. */
const wholeBody: Fold = (_create, update) => {
  const { id: _id, ...body } = update
  return { input: body, consumed: true }
}

/** How an update folds into the create of the same row; `consumed` when nothing of it is left to send. */
const FOLDS: Record<string, Fold> = {
  'courses.create<courses.update': wholeBody,
  'assignments.create<assignments.update': wholeBody,
  'discussions.create<discussions.update': wholeBody,
  'users.create<users.update': (create, update) => ({
    input: { ...create, firstName: update.firstName, lastName: update.lastName, email: update.email },
    // Disabling and custom fields cannot be said in a create: that update still goes, after it.
    consumed: update.disabled !== true && !(Array.isArray(update.customUserMetas) && update.customUserMetas.length > 0),
  }),
  'users.create<users.updatePassword': (create, update) => ({
    input: { ...create, password: update.password, password_confirmation: update.password },
    consumed: true,
  }),
}

/** Updates whose input is the whole row: a later one makes an earlier one pointless. */
function supersedes(operation: string): boolean {
  return ['users.update', 'courses.update', 'assignments.update', 'discussions.update', 'assignments.evaluate', 'users.updatePassword'].includes(operation)
}

/**
 * Whether a record must wait for older enrollment removals still unsent (`removals`: their
 * local course ids). The hosted LMS keeps a user or course that still has enrollments (it
 * answers 200, "not deleted"), and enrolls nobody who is enrolled already; so a delete of
 * a user or course, or an enrollment into that course, goes after them. A removal names
 * its course but not its user, so a user delete waits for every older removal.
 */
function waitsForRemovals(row: ChangeRecordRow, removals: Set<number>): boolean {
  if (removals.size === 0) return false
  if (row.operation === 'users.delete') return true
  if (row.operation !== 'courses.delete' && row.operation !== 'courses.enroll') return false
  const input = JSON.parse(row.input) as { id?: number; delete_ids?: number[] }
  return row.operation === 'courses.enroll' ? removals.has(Number(input.id)) : (input.delete_ids ?? []).some((id) => removals.has(id))
}

/**
 * The row whose records keep their order. Evaluations (each its own local row) and
 * submissions are ordered per learner's module status row: a later grade sent before an
 * earlier one that failed would be overwritten by it on the retry.
 */
function orderKey(row: ChangeRecordRow): string {
  if (row.operation === 'assignments.evaluate' || row.operation === 'assignments.submit') {
    return `module_status:${(JSON.parse(row.input) as { statusRowId?: unknown }).statusRowId}`
  }
  return `${row.entity}:${row.local_id ?? `r${row.id}`}`
}

/** The records that may go now: the oldest unsent one of each row, unless it waits for an older removal. */
function readyRecords(sql: Sql, now: Date): ChangeRecordRow[] {
  const unsent = sql.all(sql.qb.selectFrom('change_records').selectAll().where('state', 'in', ['pending', 'sending', 'parked']).orderBy('id'))
  const heldRows = new Set<string>()
  const removals = new Set<number>()
  const ready: ChangeRecordRow[] = []
  for (const row of unsent) {
    const key = orderKey(row)
    const waits = waitsForRemovals(row, removals)
    // A parked removal does not hold others: the user sees it, and a delete it would hold is refused visibly.
    if (row.operation === 'courses.remove' && row.state !== 'parked') removals.add(Number((JSON.parse(row.input) as { id?: number }).id))
    if (heldRows.has(key)) continue
    heldRows.add(key)
    if (waits || row.state === 'parked') continue
    if (row.next_attempt_at && row.next_attempt_at > now.toISOString()) continue
    ready.push(row)
  }
  return ready
}

/**
 * Grades sent side by side at most (grading a pile is the bulk of offline work). A window
 * holds at most one record per submission (a batch does), an evaluation carries absolute
 * values and nothing is mapped from its answer, so their order across submissions does not
 * matter; their `sending` marks are written in one transaction before any of them goes
 * out, and their outcomes in one after the answers. A crash in between leaves them
 * `sending`: they are sent again, which an update allows. Everything else goes one at a
 * time, in order, as its dependencies (a launch before a submission, ...) may need.
 */
const changeRecordById = prepared((qb, id: number) => qb.selectFrom('change_records').selectAll().where('id', '=', id))

const UPDATE_WINDOW = 16
const WINDOWS_IN_FLIGHT = 3
const sideBySide = (operation: string) => operation === 'assignments.evaluate'

interface Prepared {
  next: ChangeRecordRow
  record: QueuedRecord
  adapter: SyncAdapter
  sent: Record<string, unknown>
}

export async function drainQueue(deps: PushDeps): Promise<PushResult> {
  const { sql, client, clock } = deps
  const random = deps.random ?? Math.random
  const ctx: AdapterContext = { sql, client, serverId: (entity, localId) => mappedServerId(sql, entity, localId) }
  const result: PushResult = { pushed: 0, parked: 0, blocked: 0, stoppedBecause: null, retryAfterMs: null }
  const holdUntil = readMeta(sql, HOLD_UNTIL_KEY)
  if (holdUntil && holdUntil > clock().toISOString()) {
    return { ...result, stoppedBecause: 'rate_limited', retryAfterMs: new Date(holdUntil).getTime() - clock().getTime() }
  }
  coalesce(sql)
  const attempted = new Set<number>()
  const total = sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']))?.n ?? 0

  const setRecord = (id: number, values: Partial<Pick<ChangeRecordRow, 'state' | 'last_error' | 'next_attempt_at' | 'blocked_reason' | 'attempts'>>) =>
    sql.run(sql.qb.updateTable('change_records').set({ ...values, updated_at: clock().toISOString() }).where('id', '=', id))

  /** Ends the drain for a reason; a refused token outranks the others when several answers stop it at once. */
  const stopFor = (why: NonNullable<PushResult['stoppedBecause']>, waitMs: number | null) => {
    if (result.stoppedBecause === 'unauthorized') return
    result.stoppedBecause = why
    result.retryAfterMs = waitMs
  }

  /** What every record goes through before its request: null when it is not sent now (settled, held or blocked). */
  const prepare = async (next: ChangeRecordRow): Promise<Prepared | null> => {
    const record = toQueued(next)
    const adapter = adapterFor(record.operation)

    // A pull adopted this row by its natural key (it existed on the server already): nothing to create.
    if (adapter.kind === 'create' && record.local_id !== null && mappedServerId(sql, record.entity, record.local_id) !== undefined) {
      setRecord(record.id, { state: 'done', last_error: null, blocked_reason: null, next_attempt_at: null })
      result.pushed++
      return null
    }

    // A row with an open conflict waits for the user's choice: sending would decide it for them.
    // (A grade's conflict is kept on its module status row, not on the evaluation: the grade check below asks.)
    if (record.local_id !== null && record.operation !== 'assignments.evaluate' && openConflictOn(sql, record.entity, record.local_id)) {
      setRecord(record.id, { blocked_reason: 'Held: this row conflicts with the hosted LMS; choose mine or theirs in Sync.' })
      result.blocked++
      return null
    }

    const translation = await translate(ctx, record)
    if (!translation.ok) {
      setRecord(record.id, { blocked_reason: translation.blockedBy })
      result.blocked++
      return null
    }
    const sent = translation.input
    if (record.operation === 'assignments.evaluate') {
      const held = await checkGradeBeforeSend(sql, client, record, sent, clock().toISOString())
      if (held) {
        setRecord(record.id, { blocked_reason: held })
        result.blocked++
        return null
      }
    }
    return { next, record, adapter, sent }
  }

  /** Writes what an answer means for its record; 'stop' when the drain must end. `serverId`: a create's id, found already. */
  const settle = ({ next, record, adapter }: Prepared, outcome: HostedOutcome, serverId?: number): 'go' | 'stop' => {
    switch (outcome.kind) {
      case 'ok': {
        if (adapter.kind === 'delete' && keptByServer(record.operation, outcome.body)) {
          // users/delete and course/delete answer 200 when they keep a row that still has
          // enrollments; marking it done would leave it on the hosted LMS for good.
          const message = String((outcome.body as { message?: unknown })?.message ?? 'not deleted')
          setRecord(record.id, { state: 'parked', last_error: `${outcome.status}: The hosted LMS did not delete it: ${message}` })
          result.parked++
          return 'go'
        }
        const idUnknown = adapter.kind === 'create' && serverId === undefined && adapter.serverIdAfterSuccess !== undefined
        sql.transaction(() => {
          if (serverId !== undefined && record.local_id !== null) mapIds(sql, record.entity, record.local_id, serverId)
          setRecord(record.id, {
            state: idUnknown ? 'sending' : 'done',
            last_error: idUnknown ? 'Sent; its id on the hosted LMS is not known yet.' : null,
            next_attempt_at: null,
          })
        })
        result.pushed++
        return 'go'
      }
      case 'refused': {
        // A delete of something already gone, or an update of something the server removed, needs no retry.
        if (adapter.kind === 'delete' && (outcome.status === 404 || outcome.status === 422) && alreadyGone(outcome.message)) {
          setRecord(record.id, { state: 'done', last_error: null })
          result.pushed++
          return 'go'
        }
        setRecord(record.id, { state: 'parked', last_error: `${outcome.status}: ${outcome.message}` })
        result.parked++
        return 'go'
      }
      case 'unauthorized': {
        // Not this record's fault: give the attempt back and pause everything.
        setRecord(record.id, { state: next.state === 'sending' ? 'sending' : 'pending', attempts: next.attempts, last_error: null })
        result.stoppedBecause = 'unauthorized'
        return 'stop'
      }
      case 'retry_later': {
        const wait = outcome.retryAfterMs ?? backoffMs(next.attempts + 1, random)
        setRecord(record.id, {
          // The server may have written a create before failing: keep it `sending` so the next try reconciles first.
          state: adapter.kind === 'create' ? 'sending' : 'pending',
          last_error: `${outcome.status}: ${outcome.message}`,
          next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
        })
        if (outcome.status === 429 || outcome.status === 503) {
          // Without this, the next run (a local write triggers one) would send the other records at once.
          writeMeta(sql, HOLD_UNTIL_KEY, new Date(clock().getTime() + wait).toISOString())
          stopFor('rate_limited', wait)
          return 'stop'
        }
        return 'go'
      }
      case 'no_answer': {
        const wait = backoffMs(next.attempts + 1, random)
        setRecord(record.id, {
          state: adapter.kind === 'create' ? 'sending' : 'pending',
          last_error: outcome.message,
          next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
        })
        stopFor('offline', wait)
        return 'stop'
      }
    }
  }

  /** One record alone: a create may be reconciled first, and its id is mapped from the answer. */
  const sendOne = async (next: ChangeRecordRow): Promise<'go' | 'stop'> => {
    const prepared = await prepare(next)
    if (!prepared) return 'go'
    const { record, adapter, sent } = prepared

    // An earlier attempt of this create may have landed: look for it before sending again.
    if (adapter.kind === 'create' && next.state === 'sending' && record.local_id !== null && adapter.reconcile) {
      const found = await adapter.reconcile(ctx, record, sent)
      if (found === 'unauthorized') {
        // As for a refused token on a send: pause everything, spend nothing, stay `sending`.
        result.stoppedBecause = 'unauthorized'
        return 'stop'
      }
      if (found === 'unknown') {
        // The look-up got no answer: that is no proof the create did not land, so sending
        // it again could make a duplicate. Wait and look again; no attempt is spent.
        const wait = backoffMs(Math.max(1, next.attempts), random)
        setRecord(record.id, {
          last_error: 'The hosted LMS did not answer whether an earlier attempt arrived; it is asked again before anything is sent.',
          next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
        })
        stopFor('offline', wait)
        return 'stop'
      }
      if (found !== undefined) {
        sql.transaction(() => {
          mapIds(sql, record.entity, record.local_id as number, found)
          setRecord(record.id, { state: 'done', last_error: null, blocked_reason: null, next_attempt_at: null })
        })
        result.pushed++
        return 'go'
      }
    }

    setRecord(record.id, { state: 'sending', attempts: next.attempts + 1, blocked_reason: null })
    const outcome = await client.call(record.operation, sent, next.idempotency_key ?? undefined)
    let serverId: number | undefined
    if (outcome.kind === 'ok' && adapter.kind === 'create' && adapter.serverIdAfterSuccess) {
      // An unanswered follow-up look-up leaves the record `sending`: the next run reconciles it.
      const found = await adapter.serverIdAfterSuccess(ctx, record, sent, outcome.body)
      serverId = typeof found === 'number' ? found : undefined
    }
    return settle(prepared, outcome, serverId)
  }

  /** Evaluations of different submissions, side by side (see UPDATE_WINDOW). */
  const sendUpdates = async (rows: ChangeRecordRow[]): Promise<'go' | 'stop'> => {
    const prepared = (await Promise.all(rows.map(prepare))).filter((p): p is Prepared => p !== null)
    if (prepared.length === 0) return 'go'
    // Another window in flight was told to stop (429, 503, 401, no answer) meanwhile: send nothing more.
    if (result.stoppedBecause) return 'stop'
    sql.transaction(() => {
      for (const { next } of prepared) setRecord(next.id, { state: 'sending', attempts: next.attempts + 1, blocked_reason: null })
    })
    const outcomes = await Promise.all(prepared.map(({ record, sent, next }) => client.call(record.operation, sent, next.idempotency_key ?? undefined)))
    let verdict: 'go' | 'stop' = 'go'
    sql.transaction(() => {
      prepared.forEach((p, i) => {
        if (settle(p, outcomes[i]) === 'stop') verdict = 'stop'
      })
    })
    return verdict
  }

  // The ready records are read a batch at a time (one of each row), not once per record:
  // re-reading the whole queue per record made a drain quadratic (5,000 queued grades).
  // The next record of a row is in the next batch, read once this one is exhausted.
  // Windows of grades from one batch touch different submissions, so up to
  // WINDOWS_IN_FLIGHT of them go at once: while the hosted LMS answers one, the next is
  // prepared here. Anything else waits until they are all settled, and goes alone.
  let batch: ChangeRecordRow[] = []
  const inFlight = new Set<Promise<'go' | 'stop'>>()
  let stopped = false
  const settleAll = async () => {
    while (inFlight.size) await Promise.race(inFlight)
    return !stopped
  }
  for (;;) {
    if (batch.length === 0) {
      // Windows in flight keep their records `sending`, which holds their rows back in
      // readyRecords: the next batch is read once one window is back, not all of them,
      // so the hosted LMS is not left idle at every batch's end.
      if (inFlight.size > 0) await Promise.race(inFlight)
      if (stopped) {
        await settleAll()
        return result
      }
      batch = readyRecords(sql, clock()).filter((r) => !attempted.has(r.id))
      if (batch.length === 0 && inFlight.size > 0) continue
    }
    if (batch.length === 0) break
    // The front of the batch: a run of evaluations goes together, anything else alone.
    const front: ChangeRecordRow[] = []
    while (batch.length > 0 && front.length < UPDATE_WINDOW) {
      const together = sideBySide(batch[0].operation)
      if (front.length > 0 && !together) break
      front.push(batch.shift() as ChangeRecordRow)
      if (!together) break
    }
    const together = sideBySide(front[0].operation)
    if (!together && !(await settleAll())) return result
    // Read again: since the batch was read, the user may have retried, discarded or undone them.
    const current: ChangeRecordRow[] = []
    for (const candidate of front) {
      attempted.add(candidate.id)
      const row = sql.first(changeRecordById(candidate.id))
      if (row && (row.state === 'pending' || row.state === 'sending')) current.push(row)
    }
    if (current.length === 0) continue
    if (!together) {
      const verdict = await sendOne(current[0])
      deps.onProgress?.(result.pushed, total)
      if (verdict === 'stop') return result
      continue
    }
    const window: Promise<'go' | 'stop'> = sendUpdates(current)
      .then((verdict) => {
        if (verdict === 'stop') stopped = true
        deps.onProgress?.(result.pushed, total)
        return verdict
      })
      .finally(() => inFlight.delete(window))
    inFlight.add(window)
    if (inFlight.size >= WINDOWS_IN_FLIGHT) await Promise.race(inFlight)
    if (stopped) {
      await settleAll()
      return result
    }
  }
  await settleAll()
  return result
}

/** A bulk delete (one id per record) answered 200 but kept the row: `notDeleted` lists it, or the documented message says so. */
/** Deletes the hosted LMS answers 200 while keeping rows still in use (enrolled, ordered, held). */
const KEEPING_DELETES = new Set(['users.delete', 'courses.delete', 'coupons.delete', 'badges.delete'])

function keptByServer(operation: string, body: unknown): boolean {
  if (!KEEPING_DELETES.has(operation)) return false
  const answer = body as { notDeleted?: unknown; message?: unknown } | null
  if (Array.isArray(answer?.notDeleted)) return answer.notDeleted.length > 0
  // The badge answer always says "0 badge(s) not deleted ...": only a count above zero keeps one.
  return typeof answer?.message === 'string' && /(^|\D)([1-9]\d*) \S+ not deleted/i.test(answer.message)
}

function alreadyGone(message: string): boolean {
  // "are not enrollments of course": courses.remove of an enrollment an earlier attempt
  // removed already (its answer lost); without it that retry was parked.
  return /invalid|not found|does not exist|are not enrollments of/i.test(message)
}
