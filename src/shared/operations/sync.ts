// App operations for sync with the hosted LMS. Tools outside the app rely on these names.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, pageNumber, pageSize, type ListPage } from '../contract/list-params'
import { jobId } from '../contract/fields'

export interface SyncSummary {
  pushed: number
  pulled: number
  parked: number
  conflicts: number
  /** Set when the run stopped early: offline, token refused, or a sweep interrupted. */
  stoppedBecause: string | null
}

/** Why the hosted LMS could not be used, as the last attempt to reach it tells. */
export const CONTACT_PROBLEMS = [
  'no_connection',
  'dns',
  'refused',
  'no_answer',
  'tls',
  'not_lms',
  'unauthorized',
  'client_error',
  'server_error',
  'rate_limited',
] as const
export type ContactProblem = (typeof CONTACT_PROBLEMS)[number]

/** What is known of the configured address. */
export interface SyncContact {
  /** not_contacted: nothing has answered since the address was saved; answered: the LMS API answered the last run. */
  state: 'not_contacted' | 'answered' | 'problem'
  problem: ContactProblem | null
  /** A sentence naming the address and the reason, when there is a problem. */
  message: string | null
  /** When the LMS API last answered this address. */
  lastAnswerAt: string | null
  /** When sync last tried the address, answered or not. */
  lastTryAt: string | null
}

export interface SyncStatus {
  configured: boolean
  serverUrl: string | null
  /** Where the token is kept: the OS keychain (desktop) or a file only this user can read. */
  tokenStorage: 'os-keychain' | 'file' | 'none'
  tokenWarning: string | null
  /**
   * offline: no connection, name not found, refused, no answer. misconfigured: the address
   * answered but not as the LMS API, its certificate failed, or it refused sync as a whole
   * (fix the address or the server). backing_off: waiting for a retry time.
   */
  state: 'idle' | 'syncing' | 'paused_auth' | 'offline' | 'misconfigured' | 'backing_off'
  contact: SyncContact
  pending: number
  sending: number
  parked: number
  blocked: number
  conflicts: number
  lastSuccessAt: string | null
  lastError: string | null
  /** The earliest retry time of a change that failed. */
  nextAttemptAt: string | null
  /**
   * When sync next runs by itself: a retry after a failure, the end of a wait the hosted LMS
   * asked for, or the timer. null: only Sync now or the next local change starts a run.
   */
  nextRun: { at: string; reason: 'retry' | 'rate_limit' | 'timer' } | null
  /** Progress of the current run, 0..1, for the progress bar. */
  progress: number | null
  notices: { id: number; kind: string; message: string; createdAt: string }[]
}

export interface ParkedRecord {
  id: number
  operation: string
  /** What the change does, and the record it is about, as the Pending list says them. */
  action: string
  record: PendingRecord
  entity: string
  localId: number | null
  input: unknown
  state: string
  reason: string
  attempts: number
  createdAt: string
}

/** A queued change as the Pending list shows it. */
export const PENDING_STATES = ['waiting', 'sending', 'parked', 'blocked'] as const
export type PendingState = (typeof PENDING_STATES)[number]

/** The record a change is about, as people know it. */
export interface PendingRecord {
  /** A user's name and email, a course's title, "learner in course", an import's file. */
  text: string
  /** How many users a bulk upload carries. */
  count: number | null
  /** A class's start. */
  at: string | null
}

export interface PendingChange {
  id: number
  operation: string
  /** What the change does: "Create a user", "Enroll in a course". */
  action: string
  record: PendingRecord
  /**
   * waiting: to be sent (now, or at `nextAttemptAt` after a failure); sending: sent, its
   * outcome not recorded yet; parked: refused by the hosted LMS; blocked: waits for another
   * change (or a conflict) first.
   */
  state: PendingState
  /** Why it is parked or blocked, or the error its last attempt met. */
  reason: string | null
  /** When the change was made here. */
  since: string
  attempts: number
  nextAttemptAt: string | null
}

export interface PendingPage extends ListPage<PendingChange> {
  /** Unsent changes in each state (all of them, whatever the filter). */
  counts: Record<PendingState, number>
}

export interface ConflictView {
  id: number
  entity: string
  localId: number
  field: string
  label: string
  base: unknown
  mine: unknown
  theirs: unknown
  createdAt: string
}

export const syncConfigure = defineOperation({
  name: 'sync.configure',
  summary: 'Set the hosted LMS address and API token',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({
    serverUrl: z
      .string({ error: 'The server url field is required.' })
      .trim()
      .max(2000)
      .url({ error: 'The server url must be a valid URL.' })
      .refine((u) => /^https?:\/\//i.test(u), { error: 'The server url must start with http:// or https://.' }),
    token: z.string({ error: 'The token field is required.' }).trim().min(1, { error: 'The token field is required.' }).max(4000),
  }),
  output: returns<SyncStatus>(),
  sync: null,
})

export const syncNow = defineOperation({
  name: 'sync.now',
  summary: 'Push the change queue, then pull; answers when done',
  // A job: sync's bookkeeping and the pulled rows are written in their own transactions, so local work goes on meanwhile.
  kind: 'job',
  writes: true,
  phases: ['pulling', 'pushing'],
  method: 'POST',
  route: null,
  input: z.object({ jobId }),
  output: returns<SyncSummary>(),
})

export const syncStatus = defineOperation({
  name: 'sync.status',
  summary: 'Pending, sending, parked, conflicts, last success and last error',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<SyncStatus>(),
})

export const syncParked = defineOperation({
  name: 'sync.parked',
  summary: 'Records the hosted LMS refused, and records blocked behind them, with reasons',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<ParkedRecord[]>(),
})

export const syncPending = defineOperation({
  name: 'sync.pending',
  summary: 'Unsent changes in pages, oldest (or newest) first: what, which record, since when, and their state',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    page_size: pageSize,
    page_number: pageNumber,
    state: z.enum(PENDING_STATES, { error: 'The state must be waiting, sending, parked or blocked.' }).optional(),
    /** Oldest first is the order sync sends them; newest first puts what was just done (an import) on the first page. */
    order: z.enum(['oldest', 'newest'], { error: 'The order must be oldest or newest.' }).default('oldest'),
  }),
  output: returns<PendingPage>(),
})

export const syncRetry = defineOperation({
  name: 'sync.retry',
  summary: 'Send a parked record again, optionally with corrected input',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ id, input: z.record(z.string(), z.unknown()).optional() }),
  output: returns<{ message: string }>(),
  sync: null,
})

export const syncDiscard = defineOperation({
  name: 'sync.discard',
  summary: 'Give up a parked record (the local data stays; it is not sent)',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ id }),
  output: returns<{ message: string }>(),
  sync: null,
})

export const syncConflicts = defineOperation({
  name: 'sync.conflicts',
  summary: 'Fields changed both here and on the hosted LMS, with both values and the base',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<ConflictView[]>(),
})

export const syncResolve = defineOperation({
  name: 'sync.resolve',
  summary: 'Keep mine (sent to the hosted LMS) or theirs (adopted here) for one conflict',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ id, choice: z.enum(['mine', 'theirs'], { error: 'The choice must be mine or theirs.' }) }),
  output: returns<{ message: string }>(),
  sync: null,
})

export const syncReset = defineOperation({
  name: 'sync.reset',
  summary: 'Forget sync progress (cursor, backoff, pause) without losing unsent changes',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ confirm: z.literal(true, { error: 'Confirm the reset with confirm: true.' }) }),
  output: returns<{ message: string }>(),
  sync: null,
})

export const syncOperations = [syncConfigure, syncNow, syncStatus, syncParked, syncPending, syncRetry, syncDiscard, syncConflicts, syncResolve, syncReset] as const
