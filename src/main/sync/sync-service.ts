// Sync's one place of state: the configured hosted LMS, one drain at a time, the timer
// and backoff wake-ups, and the status the UI shows. Runs beside the engine in its worker;
// local writes go on while a drain waits for the network.
import type { ParkedRecord, SyncStatus, SyncSummary } from '../../shared/operations/sync'
import type { Sql } from '../engine/db/sql'
import { LmsError } from '../engine/errors'
import { readMeta, writeMeta } from '../engine/meta'
import * as outbox from '../engine/outbox'
import { redactSecrets } from '../engine/redact'
import { HostedClient, normaliseServerUrl } from './hosted-client'
import { drainQueue, HOLD_UNTIL_KEY, type PushResult } from './push'
import { pullAll, type PullResult } from './pull'
import { FILE_TOKEN_WARNING, type SecretStore } from './secret-store'

export interface SyncServiceOptions {
  sql: Sql
  clock: () => Date
  secrets: SecretStore
  log: (line: string) => void
  onStatus: () => void
  fetchImpl?: typeof fetch
  random?: () => number
  /** Timer interval for automatic runs; 0 turns the timer off (tests). */
  intervalMs?: number
  timeoutMs?: number
  /** Rows per pulled page (tests use small pages to see sweeps across pages). */
  pullPageSize?: number
  /** false: a run pushes only. Push tests turn the pull off so they test the push alone. */
  pull?: boolean
  /** Requests the pull keeps in flight at once. */
  concurrency?: number
}

export class SyncService {
  private running: Promise<SyncSummary> | null = null
  private progress: number | null = null
  private timer: NodeJS.Timeout | null = null
  private wakeUp: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly options: SyncServiceOptions) {}

  private get sql(): Sql {
    return this.options.sql
  }

  configure(serverUrl: string, token: string): void {
    writeMeta(this.sql, 'sync.server_url', normaliseServerUrl(serverUrl))
    writeMeta(this.sql, 'sync.paused', '')
    writeMeta(this.sql, 'sync.last_error', '')
    this.options.secrets.set(token)
  }

  private client(): HostedClient | null {
    const serverUrl = readMeta(this.sql, 'sync.server_url')
    const token = this.options.secrets.get()
    if (!serverUrl || !token) return null
    return new HostedClient({ serverUrl, token, fetchImpl: this.options.fetchImpl, timeoutMs: this.options.timeoutMs })
  }

  /** One push (pull arrives with it later); a second call while one runs gets the same run. */
  runOnce(): Promise<SyncSummary> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null
        this.progress = null
        this.options.onStatus()
        this.scheduleWakeUp()
      })
      this.options.onStatus()
    }
    return this.running
  }

  private async run(): Promise<SyncSummary> {
    const client = this.client()
    if (!client) throw new LmsError('validation', 'Sync is not configured: set the hosted LMS address and API token first.', { serverUrl: ['Set the hosted LMS address and API token first.'] })
    const summary: SyncSummary = { pushed: 0, pulled: 0, parked: 0, conflicts: 0, stoppedBecause: null }
    writeMeta(this.sql, 'sync.paused', '')
    this.progress = 0
    // Pull first: server-side edits merge into local rows and into queued updates before
    // those updates (absolute values) are sent, so edits to different fields both survive.
    const pull: Pick<PullResult, 'pulled' | 'stoppedBecause' | 'failures'> =
      this.options.pull === false
        ? { pulled: 0, stoppedBecause: null, failures: [] }
        : await pullAll({
            sql: this.sql,
            client,
            clock: this.options.clock,
            pageSize: this.options.pullPageSize,
            concurrency: this.options.concurrency,
            onProgress: (fraction) => {
              this.progress = fraction / 2
              this.options.onStatus()
            },
          })
    summary.pulled = pull.pulled
    let pushStopped: PushResult['stoppedBecause'] = null
    if (pull.stoppedBecause === null) {
      const push = await drainQueue({
        sql: this.sql,
        client,
        clock: this.options.clock,
        random: this.options.random,
        onProgress: (done, total) => {
          this.progress = total > 0 ? 0.5 + Math.min(0.5, done / total / 2) : null
          this.options.onStatus()
        },
      })
      summary.pushed = push.pushed
      summary.parked = push.parked
      pushStopped = push.stoppedBecause
    }
    const stopped = pull.stoppedBecause ?? pushStopped
    if (stopped !== 'offline') writeMeta(this.sql, 'sync.offline', '')
    if (stopped === 'unauthorized') {
      writeMeta(this.sql, 'sync.paused', 'unauthorized')
      writeMeta(this.sql, 'sync.last_error', 'The hosted LMS refused the API token. Enter a new token to continue; nothing was lost.')
      summary.stoppedBecause = 'The hosted LMS refused the API token.'
    } else if (stopped === 'offline') {
      writeMeta(this.sql, 'sync.offline', '1')
      writeMeta(this.sql, 'sync.last_error', 'The hosted LMS could not be reached; unsent changes are kept and retried.')
      summary.stoppedBecause = 'The hosted LMS could not be reached.'
    } else if (stopped === 'rate_limited') {
      writeMeta(this.sql, 'sync.last_error', 'The hosted LMS asked to slow down; sync resumes when it allows.')
      summary.stoppedBecause = 'The hosted LMS asked to wait before more requests.'
    } else if (pull.failures.length > 0) {
      // The rest ran; what failed is said with its route (each also a notice).
      writeMeta(
        this.sql,
        'sync.last_error',
        `Part of the pull failed: ${pull.failures.map((f) => `${f.phase} (${f.route}: ${f.message})`).join('; ')}. The rest was pulled and local changes were pushed.`,
      )
    } else {
      writeMeta(this.sql, 'sync.last_error', '')
      writeMeta(this.sql, 'sync.last_success_at', this.options.clock().toISOString())
    }
    summary.conflicts = this.openConflicts()
    return summary
  }

  private openConflicts(): number {
    return Number(
      this.sql.first(this.sql.qb.selectFrom('sync_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('resolved_at', 'is', null))?.n ?? 0,
    )
  }

  status(): SyncStatus {
    const counts = outbox.stateCounts(this.sql)
    const blocked = counts.blocked
    const nextAttempt = outbox.nextAttemptAt(this.sql)
    const serverUrl = readMeta(this.sql, 'sync.server_url') || null
    const hasToken = Boolean(this.options.secrets.get())
    const paused = readMeta(this.sql, 'sync.paused') === 'unauthorized'
    const now = this.options.clock().toISOString()
    return {
      configured: Boolean(serverUrl && hasToken),
      serverUrl,
      tokenStorage: hasToken ? this.options.secrets.kind : 'none',
      tokenWarning: hasToken && this.options.secrets.kind === 'file' ? FILE_TOKEN_WARNING : null,
      state: this.running
        ? 'syncing'
        : paused
          ? 'paused_auth'
          : readMeta(this.sql, 'sync.offline') === '1'
            ? 'offline'
            : nextAttempt && nextAttempt > now
              ? 'backing_off'
              : 'idle',
      pending: counts.pending ?? 0,
      sending: counts.sending ?? 0,
      parked: counts.parked ?? 0,
      blocked,
      conflicts: this.openConflicts(),
      lastSuccessAt: readMeta(this.sql, 'sync.last_success_at') || null,
      lastError: readMeta(this.sql, 'sync.last_error') || null,
      nextAttemptAt: nextAttempt ?? null,
      progress: this.progress,
      notices: this.sql
        .all(this.sql.qb.selectFrom('sync_notices').selectAll().orderBy('id', 'desc').limit(20))
        .map((n) => ({ id: n.id, kind: n.kind, message: n.message, createdAt: n.created_at })),
    }
  }

  /** How the engine's operations that mention the hosted LMS see the connection. */
  connection(): 'not_configured' | 'offline' | 'online' {
    const status = this.status()
    if (!status.configured) return 'not_configured'
    return status.state === 'offline' || status.state === 'paused_auth' ? 'offline' : 'online'
  }

  parked(): ParkedRecord[] {
    return outbox.parkedOrHeld(this.sql).map((r) => ({
      id: r.id,
      operation: r.operation,
      entity: r.entity,
      localId: r.local_id,
      input: redactSecrets(JSON.parse(r.input) as Record<string, unknown>),
      state: r.state === 'parked' ? 'parked' : 'blocked',
      reason: (r.state === 'parked' ? r.last_error : r.blocked_reason) ?? '',
      attempts: r.attempts,
      createdAt: r.created_at,
    }))
  }

  /** Sends a parked record again; a corrected input is checked by its operation's schema first. */
  retry(id: number, input?: Record<string, unknown>): void {
    outbox.retry(this.sql, id, input, this.options.clock().toISOString())
  }

  discard(id: number): void {
    outbox.discard(this.sql, id, this.options.clock().toISOString())
  }

  /** Forgets pause, backoff and pull progress; unsent records stay queued. */
  reset(): void {
    writeMeta(this.sql, 'sync.paused', '')
    writeMeta(this.sql, 'sync.offline', '')
    writeMeta(this.sql, 'sync.last_error', '')
    writeMeta(this.sql, 'sync.pull_cursor', '')
    writeMeta(this.sql, HOLD_UNTIL_KEY, '')
    outbox.clearBackoff(this.sql)
  }

  /** Automatic runs: on a timer, after local writes (debounced) and when a backoff expires. */
  start(): void {
    const interval = this.options.intervalMs ?? 5 * 60_000
    if (interval > 0) this.timer = setInterval(() => this.trigger(), interval)
    this.timer?.unref()
    this.scheduleWakeUp()
  }

  /** Runs soon if configured, not paused and not already running. */
  trigger(): void {
    if (this.stopped || this.running || !this.client() || readMeta(this.sql, 'sync.paused') === 'unauthorized') return
    void this.runOnce().catch((error: unknown) => this.options.log(`[sync] run failed: ${error instanceof Error ? error.message : String(error)}`))
  }

  private scheduleWakeUp(): void {
    if (this.wakeUp) clearTimeout(this.wakeUp)
    this.wakeUp = null
    if (this.stopped) return
    const next = outbox.nextAttemptAt(this.sql)
    if (!next) return
    const delay = Math.max(0, new Date(next).getTime() - this.options.clock().getTime())
    this.wakeUp = setTimeout(() => this.trigger(), Math.min(delay, 2 ** 31 - 1))
    this.wakeUp.unref()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.wakeUp) clearTimeout(this.wakeUp)
  }
}
