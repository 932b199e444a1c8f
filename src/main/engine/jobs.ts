// The jobs running in an engine (operations declared `kind: 'job'`), by id: each has an
// AbortController that app.cancelJob aborts (a job stops at its next checkpoint) and the
// last progress it reported, sent as `job` events and kept a minute after it ends so that
// a late import.progress still reads the outcome.
import { randomUUID } from 'node:crypto'
import type { EngineEvent, JobProgressEvent } from '../../shared/contract/bridge'
import type { JobEnd, JobOperation, JobPhase } from '../../shared/contract/operation'
import type { CancelJobResult } from '../../shared/operations/app'
import { conflict } from './errors'

/** What a running job is handed (handlers.ts types job handlers with it). */
export interface JobControl<P extends string = string> {
  /** The caller's `jobId`, or one made up: progress events carry it. */
  readonly id: string
  /** Aborted by app.cancelJob (or the engine closing): stop at the next checkpoint, keeping committed work consistent. */
  readonly signal: AbortSignal
  /** Where the job is: a `job` event (at most every 50 ms within a phase), and what import.progress answers. */
  progress(phase: JobPhase<P>, done: number, total: number): void
}

/** What the operations that ask about jobs (app.cancelJob, import.cancel, import.progress) may use. */
export interface JobBoard {
  cancel(jobId: string): CancelJobResult
  /** The last progress of a running job, or of one that ended within the last minute. */
  progress(jobId: string): JobProgressEvent | null
  /** Whether a job of that id is running now. */
  running(jobId: string): boolean
}

interface Job {
  progress: JobProgressEvent
  controller: AbortController
  ended: boolean
}

const ENDINGS: ReadonlySet<string> = new Set<JobEnd>(['done', 'cancelled', 'failed'])
/** Progress events at most this often within a phase; a new phase, the last item and the end are always sent. */
const EVENT_EVERY_MS = 50
const KEPT_AFTER_END_MS = 60_000

export class JobRegistry implements JobBoard {
  private readonly jobs = new Map<string, Job>()

  constructor(private readonly emit: (event: EngineEvent) => void) {}

  /** A job starts: its id must not name a running one. */
  start(declared: Pick<JobOperation, 'name' | 'phases'>, requestedId: string | undefined): JobControl & { end(outcome: 'done' | 'failed'): void } {
    const id = requestedId ?? randomUUID()
    if (this.jobs.get(id)?.ended === false) throw conflict('reason.job_running', { id })
    const operation = declared.name
    const controller = new AbortController()
    // Until it reports, a job is at its first phase.
    const job: Job = { progress: { type: 'job', jobId: id, operation, phase: declared.phases[0] ?? 'done', done: 0, total: 0 }, controller, ended: false }
    let reported = false
    let lastEmit = 0
    const progress = (phase: string, done: number, total: number) => {
      const phaseChanged = !reported || phase !== job.progress.phase
      reported = true
      job.progress = { type: 'job', jobId: id, operation, phase, done, total }
      const now = Date.now()
      if (phaseChanged || ENDINGS.has(phase) || done === total || now - lastEmit >= EVENT_EVERY_MS) {
        lastEmit = now
        this.emit(job.progress)
      }
    }
    this.jobs.set(id, job)
    return {
      id,
      signal: controller.signal,
      progress,
      end: (outcome) => {
        if (job.ended) return
        // The job may have said how it ended (an import's counts); else the engine says it.
        if (!reported || !ENDINGS.has(job.progress.phase)) progress(controller.signal.aborted ? 'cancelled' : outcome, job.progress.done, job.progress.total)
        job.ended = true
        setTimeout(() => {
          if (this.jobs.get(id) === job) this.jobs.delete(id)
        }, KEPT_AFTER_END_MS).unref()
      },
    }
  }

  cancel(jobId: string): CancelJobResult {
    const job = this.jobs.get(jobId)
    if (!job || job.ended) return { cancelled: false, operation: job?.progress.operation ?? null }
    job.controller.abort()
    return { cancelled: true, operation: job.progress.operation }
  }

  progress(jobId: string): JobProgressEvent | null {
    return this.jobs.get(jobId)?.progress ?? null
  }

  running(jobId: string): boolean {
    return this.jobs.get(jobId)?.ended === false
  }

  /** The engine closes: every running job stops at its next checkpoint. */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (!job.ended) job.controller.abort()
  }
}

/** A checkpoint's pause: other calls (a cancel among them) are answered before the job goes on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A job's checkpoint between items (pages): reports where it is, lets other calls in (a cancel among them), and stops when cancelled. */
export function checkpoint<P extends string>(job: JobControl<P>, phase: P): (done: number, total: number) => Promise<void> {
  return async (done, total) => {
    job.progress(phase, done, total)
    await nextTurn()
    job.signal.throwIfAborted()
  }
}
