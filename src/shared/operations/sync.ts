// App operations for sync with the hosted LMS. Tools outside the app rely on these names.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id } from '../contract/list-params'

export interface SyncSummary {
  pushed: number
  pulled: number
  parked: number
  conflicts: number
  /** Set when the run stopped early: offline, token refused, or a sweep interrupted. */
  stoppedBecause: string | null
}

export interface SyncStatus {
  configured: boolean
  serverUrl: string | null
  /** Where the token is kept: the OS keychain (desktop) or a file only this user can read. */
  tokenStorage: 'os-keychain' | 'file' | 'none'
  tokenWarning: string | null
  state: 'idle' | 'syncing' | 'paused_auth' | 'offline' | 'backing_off'
  pending: number
  sending: number
  parked: number
  blocked: number
  conflicts: number
  lastSuccessAt: string | null
  lastError: string | null
  nextAttemptAt: string | null
  /** Progress of the current run, 0..1, for the progress bar. */
  progress: number | null
  notices: { id: number; kind: string; message: string; createdAt: string }[]
}

export interface ParkedRecord {
  id: number
  operation: string
  entity: string
  localId: number | null
  input: unknown
  state: string
  reason: string
  attempts: number
  createdAt: string
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
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
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

export const syncOperations = [syncConfigure, syncNow, syncStatus, syncParked, syncRetry, syncDiscard, syncConflicts, syncResolve, syncReset] as const
