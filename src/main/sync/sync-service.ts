// Sync's one place of state: the configured hosted LMS, one drain at a time, the timer
// and backoff wake-ups, and the status the UI shows. Runs beside the engine in its worker;
// local writes go on while a drain waits for the network.
import type { ContactProblem, ParkedRecord, SyncContact, SyncStatus, SyncSummary } from '../../shared/operations/sync'
import type { HostedConnection } from '../engine/context'
import type { DataEntity } from '../../shared/operations/entities'
import type { Sql } from '../engine/db/sql'
import { invalidFields } from '../engine/errors'
import { readMeta, writeMeta } from '../engine/meta'
import * as outbox from '../engine/outbox'
import { redactSecrets } from '../engine/redact'
import { PASSING_PROBLEMS, SETUP_PROBLEMS, type ContactReport } from './contact'
import { describeChange } from './describe-change'
import { HostedClient, normaliseServerUrl } from './hosted-client'
import { actionOf } from './pending'
import { backoffMs, drainQueue, HOLD_UNTIL_KEY, type PushResult } from './push'
import { pullAll, type PullResult } from './pull'
import { FILE_TOKEN_WARNING, type SecretStore } from './secret-store'

export interface SyncServiceOptions {
  sql: Sql
  clock: () => Date
  secrets: SecretStore
  log: (line: string) => void
  onStatus: () => void
  /** Local rows changed and are committed (a pulled page, the queue after a run). */
  onChanged?: (entities: readonly DataEntity[]) => void
  fetchImpl?: typeof fetch
  random?: () => number
  /** Timer interval for automatic runs; 0 turns the timer off (tests). */
  intervalMs?: number
  timeoutMs?: number
  /** Rows per pulled page (tests use small pages to see sweeps across pages). */
  pullPageSize?: number
  /** Learners of unchanged classes a pull reads again in turn (tests use a few, to see the turn). */
  rosterTurn?: number
  /** false: a run pushes only. Push tests turn the pull off so they test the push alone. */
  pull?: boolean
  /** Requests the pull keeps in flight at once. */
  concurrency?: number
}

// Where the last contact with the hosted LMS is kept (app_meta): the problem that stopped
// the last run, when the LMS API last answered, when sync last tried, when it tries again
// after a problem that passes by itself, and how many runs in a row had one.
const CONTACT_KEY = 'sync.contact'
const LAST_ANSWER_KEY = 'sync.last_answer_at'
const LAST_TRY_KEY = 'sync.last_try_at'
const RETRY_AT_KEY = 'sync.retry_at'
const FAILURES_KEY = 'sync.contact_failures'

/** Nothing reached the LMS API: the status says Offline. */
const OFFLINE_PROBLEMS: ReadonlySet<ContactProblem> = new Set(['no_connection', 'dns', 'refused', 'no_answer'])

/** For a stop whose exchange left no report (it always does; kept for safety). */
const FALLBACK_REPORTS: Record<NonNullable<PushResult['stoppedBecause']>, ContactReport> = {
  offline: { problem: 'no_answer', message: 'The hosted LMS could not be reached; unsent changes are kept and retried.' },
  unauthorized: { problem: 'unauthorized', message: 'The hosted LMS refused the API token. Enter a new token to continue; nothing was lost.' },
  rate_limited: { problem: 'rate_limited', message: 'The hosted LMS asked to slow down; sync resumes when it allows.' },
}

/** The summary's one sentence on why a run stopped early. */
function stopText(report: ContactReport): string {
  if (report.problem === 'unauthorized') return 'The hosted LMS refused the API token.'
  if (report.problem === 'rate_limited') return 'The hosted LMS asked to wait before more requests.'
  if (OFFLINE_PROBLEMS.has(report.problem)) return `The hosted LMS could not be reached: ${report.message}`
  return report.message
}

/** What sync.now's job gives a run (engine/handlers.ts JobControl, without naming the engine). */
export interface SyncJob {
  readonly signal: AbortSignal
  progress(phase: 'pulling' | 'pushing', done: number, total: number): void
}

export class SyncService {
  private running: Promise<SyncSummary> | null = null
  private progress: number | null = null
  private timer: NodeJS.Timeout | null = null
  private wakeUp: NodeJS.Timeout | null = null
  private stopped = false
  /** When the timer fires next (ms), while it runs. */
  private timerNextAt: number | null = null

  constructor(private readonly options: SyncServiceOptions) {}

  private get sql(): Sql {
    return this.options.sql
  }

  /** A new address or token: nothing is known of it until it answers. */
  configure(serverUrl: string, token: string): void {
    writeMeta(this.sql, 'sync.server_url', normaliseServerUrl(serverUrl))
    for (const key of ['sync.paused', 'sync.last_error', CONTACT_KEY, LAST_ANSWER_KEY, LAST_TRY_KEY, RETRY_AT_KEY, FAILURES_KEY]) writeMeta(this.sql, key, '')
    this.options.secrets.set(token)
  }

  private client(): HostedClient | null {
    const serverUrl = readMeta(this.sql, 'sync.server_url')
    const token = this.options.secrets.get()
    if (!serverUrl || !token) return null
    return new HostedClient({ serverUrl, token, fetchImpl: this.options.fetchImpl, timeoutMs: this.options.timeoutMs })
  }

  /**
   * One pull and push; a second call while one runs gets the same run. `job` (sync.now's)
   * hears the run's progress and may cancel it between the pull and the push, when it
   * started the run.
   */
  runOnce(job?: SyncJob): Promise<SyncSummary> {
    if (!this.running) {
      this.running = this.run(job).finally(() => {
        // Records settled by the run gave up their secrets: out of the WAL too.
        outbox.settlePurges(this.sql)
        this.running = null
        this.progress = null
        // Records sent, parked or mapped: what screens show of the queue.
        this.options.onChanged?.(['sync_state'])
        this.options.onStatus()
        this.scheduleWakeUp()
      })
      this.options.onStatus()
    }
    return this.running
  }

  private async run(job: SyncJob | undefined): Promise<SyncSummary> {
    const client = this.client()
    if (!client) throw invalidFields({ serverUrl: [{ key: 'reason.sync_not_configured' }] })
    const summary: SyncSummary = { pushed: 0, pulled: 0, parked: 0, conflicts: 0, stoppedBecause: null }
    writeMeta(this.sql, 'sync.paused', '')
    this.progress = 0
    const now = this.options.clock().toISOString()
    writeMeta(this.sql, LAST_TRY_KEY, now)
    // An address not heard from yet (or last heard with a problem) is asked first whether it
    // is the LMS API at all, so a wrong address neither parks nor spends queued changes.
    // Not while the hosted LMS asked for a pause (429/503): then nothing is sent.
    const held = (readMeta(this.sql, HOLD_UNTIL_KEY) ?? '') > now
    if (!held && this.contact().state !== 'answered') {
      const problem = await client.check()
      if (problem) return this.finish(summary, client, problem)
    }
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
            rosterTurn: this.options.rosterTurn,
            concurrency: this.options.concurrency,
            onChanged: this.options.onChanged,
            onProgress: (fraction) => {
              this.progress = fraction / 2
              job?.progress('pulling', Math.round(fraction * 100), 100)
              this.options.onStatus()
            },
          })
    summary.pulled = pull.pulled
    if (job?.signal.aborted) {
      // What was pulled is kept (each page committed); the queue waits for the next run.
      summary.stoppedBecause = 'The run was cancelled after the pull; local changes are sent with the next run.'
      summary.conflicts = this.openConflicts()
      return summary
    }
    let pushStopped: PushResult['stoppedBecause'] = null
    if (pull.stoppedBecause === null) {
      const push = await drainQueue({
        sql: this.sql,
        client,
        clock: this.options.clock,
        random: this.options.random,
        onProgress: (done, total) => {
          job?.progress('pushing', done, total)
          this.progress = total > 0 ? 0.5 + Math.min(0.5, done / total / 2) : null
          this.options.onStatus()
        },
      })
      summary.pushed = push.pushed
      summary.parked = push.parked
      pushStopped = push.stoppedBecause
    }
    const stopped = pull.stoppedBecause ?? pushStopped
    if (!stopped) return this.finish(summary, client, null, pull.failures)
    return this.finish(summary, client, client.lastProblem ?? FALLBACK_REPORTS[stopped], pull.failures)
  }

  /** Records what the run learnt of the hosted LMS: that it answered, or the problem that stopped it. */
  private finish(summary: SyncSummary, client: HostedClient, problem: ContactReport | null, pullFailures: PullResult['failures'] = []): SyncSummary {
    const now = this.options.clock()
    if (!problem) {
      for (const key of [CONTACT_KEY, 'sync.last_error', RETRY_AT_KEY, FAILURES_KEY]) writeMeta(this.sql, key, '')
      if (client.answered) writeMeta(this.sql, LAST_ANSWER_KEY, now.toISOString())
      writeMeta(this.sql, 'sync.last_success_at', now.toISOString())
      // The hosted LMS answered, but some reads were refused: the rest ran, and what failed is
      // said with its route (each also a notice).
      if (pullFailures.length > 0) {
        writeMeta(
          this.sql,
          'sync.last_error',
          `Part of the pull failed: ${pullFailures.map((f) => `${f.phase} (${f.route}: ${f.message})`).join('; ')}. The rest was pulled and local changes were pushed.`,
        )
      }
    } else {
      writeMeta(this.sql, CONTACT_KEY, JSON.stringify(problem))
      writeMeta(this.sql, 'sync.last_error', problem.message)
      if (problem.problem === 'unauthorized') writeMeta(this.sql, 'sync.paused', 'unauthorized')
      // Problems that pass by themselves are tried again on their own, waiting longer each time;
      // a 429's wait is the hosted LMS's (HOLD_UNTIL_KEY).
      const failures = Number(readMeta(this.sql, FAILURES_KEY) || 0) + 1
      writeMeta(this.sql, FAILURES_KEY, String(failures))
      const retry = PASSING_PROBLEMS.has(problem.problem) && problem.problem !== 'rate_limited'
      writeMeta(this.sql, RETRY_AT_KEY, retry ? new Date(now.getTime() + backoffMs(failures, this.options.random ?? Math.random)).toISOString() : '')
      summary.stoppedBecause = stopText(problem)
    }
    summary.conflicts = this.openConflicts()
    return summary
  }

  /** What is known of the configured address (see SyncContact). */
  private contact(): SyncContact {
    const stored = readMeta(this.sql, CONTACT_KEY)
    const report = stored ? (JSON.parse(stored) as ContactReport) : null
    const lastAnswerAt = readMeta(this.sql, LAST_ANSWER_KEY) || null
    return {
      state: report ? 'problem' : lastAnswerAt ? 'answered' : 'not_contacted',
      problem: report?.problem ?? null,
      message: report?.message ?? null,
      lastAnswerAt,
      lastTryAt: readMeta(this.sql, LAST_TRY_KEY) || null,
    }
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
    const configured = Boolean(serverUrl && hasToken)
    const paused = readMeta(this.sql, 'sync.paused') === 'unauthorized'
    const now = this.options.clock().toISOString()
    const contact: SyncContact = configured ? this.contact() : { state: 'not_contacted', problem: null, message: null, lastAnswerAt: null, lastTryAt: null }
    const problem: ContactProblem | null = contact.problem
    const waits = {
      hold: readMeta(this.sql, HOLD_UNTIL_KEY) || null,
      retryAt: readMeta(this.sql, RETRY_AT_KEY) || null,
      nextAttempt: nextAttempt ?? null,
    }
    const waiting = [waits.hold, waits.retryAt, waits.nextAttempt].some((at) => at !== null && at > now)
    const nextRun = configured && !paused ? this.nextRun(now, waits) : null
    return {
      configured,
      serverUrl,
      tokenStorage: hasToken ? this.options.secrets.kind : 'none',
      tokenWarning: hasToken && this.options.secrets.kind === 'file' ? FILE_TOKEN_WARNING : null,
      state: this.running
        ? 'syncing'
        : paused
          ? 'paused_auth'
          : problem && OFFLINE_PROBLEMS.has(problem)
            ? 'offline'
            : problem && SETUP_PROBLEMS.has(problem)
              ? 'misconfigured'
              : waiting
                ? 'backing_off'
                : 'idle',
      contact,
      pending: counts.pending ?? 0,
      sending: counts.sending ?? 0,
      parked: counts.parked ?? 0,
      blocked,
      conflicts: this.openConflicts(),
      lastSuccessAt: readMeta(this.sql, 'sync.last_success_at') || null,
      lastError: readMeta(this.sql, 'sync.last_error') || null,
      nextAttemptAt: nextAttempt ?? null,
      nextRun,
      progress: this.progress,
      notices: this.sql
        .all(this.sql.qb.selectFrom('sync_notices').selectAll().orderBy('id', 'desc').limit(20))
        .map((n) => ({ id: n.id, kind: n.kind, message: n.message, createdAt: n.created_at })),
    }
  }

  /** How the engine's operations that mention the hosted LMS see the connection (the shell's status area). */
  connection(): HostedConnection {
    const status = this.status()
    if (!status.configured) return 'not_configured'
    if (status.contact.state === 'not_contacted') return 'not_contacted'
    return status.contact.state === 'problem' || status.state === 'paused_auth' ? 'offline' : 'online'
  }

  /** When a run starts by itself next, and why; null when only Sync now or a local change starts one. */
  private nextRun(now: string, { hold, retryAt, nextAttempt }: Record<'hold' | 'retryAt' | 'nextAttempt', string | null>): SyncStatus['nextRun'] {
    if (this.stopped) return null
    const candidates: NonNullable<SyncStatus['nextRun']>[] = []
    if (hold && hold > now) candidates.push({ at: hold, reason: 'rate_limit' })
    else {
      if (retryAt && retryAt > now) candidates.push({ at: retryAt, reason: 'retry' })
      if (nextAttempt && nextAttempt > now) candidates.push({ at: nextAttempt, reason: 'retry' })
    }
    if (this.timerNextAt !== null) candidates.push({ at: new Date(this.timerNextAt).toISOString(), reason: 'timer' })
    return candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0] ?? null
  }

  parked(): ParkedRecord[] {
    return outbox.parkedOrHeld(this.sql).map((r) => ({
      id: r.id,
      operation: r.operation,
      action: actionOf(r.operation),
      record: describeChange(this.sql, r.entity, r.local_id, JSON.parse(r.input) as Record<string, unknown>),
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
    outbox.settlePurges(this.sql)
  }

  /** Forgets pause, backoff and pull progress; unsent records stay queued. */
  reset(): void {
    writeMeta(this.sql, 'sync.paused', '')
    writeMeta(this.sql, 'sync.last_error', '')
    writeMeta(this.sql, RETRY_AT_KEY, '')
    writeMeta(this.sql, FAILURES_KEY, '')
    writeMeta(this.sql, 'sync.pull_cursor', '')
    writeMeta(this.sql, HOLD_UNTIL_KEY, '')
    outbox.clearBackoff(this.sql)
  }

  /** Automatic runs: on a timer, after local writes (debounced) and when a backoff expires. */
  start(): void {
    const interval = this.options.intervalMs ?? 5 * 60_000
    if (interval > 0) {
      this.timerNextAt = this.options.clock().getTime() + interval
      this.timer = setInterval(() => {
        this.timerNextAt = this.options.clock().getTime() + interval
        this.trigger()
      }, interval)
      this.timer.unref()
    }
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
    const due = [
      outbox.nextAttemptAt(this.sql),
      // A wait that is over starts nothing by itself (else a run would follow every run).
      ...[readMeta(this.sql, RETRY_AT_KEY), readMeta(this.sql, HOLD_UNTIL_KEY)].filter((at) => at && at > this.options.clock().toISOString()),
    ].filter((at): at is string => Boolean(at))
    const next = due.sort()[0]
    if (!next) return
    const delay = Math.max(0, new Date(next).getTime() - this.options.clock().getTime())
    this.wakeUp = setTimeout(() => this.trigger(), Math.min(delay, 2 ** 31 - 1))
    this.wakeUp.unref()
  }

  stop(): void {
    this.stopped = true
    this.timerNextAt = null
    if (this.timer) clearInterval(this.timer)
    if (this.wakeUp) clearTimeout(this.wakeUp)
  }
}
