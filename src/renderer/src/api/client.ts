// The typed client: `lms.call('courses.enroll', input)` resolves with the documented
// output or throws an LmsCallError carrying the engine's field errors. A job (an operation
// declared `kind: 'job'`, as the routes table derived from the declarations says) takes
// options: its progress events, and a signal whose abort cancels it (app.cancelJob).
import type { EngineEvent, EngineEventType, JobProgressEvent, LmsBridge } from '../../../shared/contract/bridge'
import type { JobInput } from '../../../shared/contract/operation'
import { STATUS_BY_CODE, type ErrorPayload, type Reason } from '../../../shared/contract/result'
import reasons from '../../../shared/i18n/reasons/en.json'
import type { JobName, OpInput, OpName, OpOutput, OpPhase } from '../../../shared/operations/index'
import routes from 'virtual:lms-operation-routes'
import { defaultBridge } from './transport'

export class LmsCallError extends Error {
  readonly code: ErrorPayload['code']
  readonly status: number
  readonly fields: Record<string, string[]>
  /** The reason codes of `message` and of each field's messages, for the trainer's language. */
  readonly reason: Reason | undefined
  readonly fieldReasons: Record<string, Reason[]>

  constructor(error: ErrorPayload) {
    super(error.message)
    this.name = 'LmsCallError'
    this.code = error.code
    this.status = error.status
    this.fields = error.fields ?? {}
    this.reason = error.reason
    this.fieldReasons = error.fieldReasons ?? {}
  }

  /** The first message for a field, for form errors. */
  field(name: string): string | undefined {
    return this.fields[name]?.[0]
  }
}

export interface JobOptions<N extends JobName> {
  /** Each progress event of this call's job. */
  onProgress?: (progress: JobProgressEvent<OpPhase<N>>) => void
  /** Aborting it cancels the job: it stops at its next checkpoint and answers what it did. */
  signal?: AbortSignal
}

export interface LmsClient {
  call<N extends OpName>(name: N, input: OpInput<N>, ...options: N extends JobName ? [options?: JobOptions<N>] : []): Promise<OpOutput<N>>
  subscribe<T extends EngineEventType>(event: T, callback: (event: Extract<EngineEvent, { type: T }>) => void): () => void
}

const CANCELLED: ErrorPayload = { code: 'cancelled', status: STATUS_BY_CODE.cancelled, message: reasons['reason.job_cancelled'], reason: { key: 'reason.job_cancelled' } }

export function createClient(bridge: LmsBridge): LmsClient {
  /** A job's call: named by a job id, so that its progress events are told apart and it can be cancelled. */
  async function job(name: string, input: unknown, options: { onProgress?: (progress: JobProgressEvent) => void; signal?: AbortSignal }): Promise<unknown> {
    if (options.signal?.aborted) throw new LmsCallError(CANCELLED)
    const jobId = (input as JobInput).jobId ?? crypto.randomUUID()
    const onProgress = options.onProgress
    const stop = onProgress ? bridge.subscribe('job', (event) => event.jobId === jobId && onProgress(event)) : () => undefined
    const cancel = () => void bridge.invoke('app.cancelJob', { jobId })
    options.signal?.addEventListener('abort', cancel, { once: true })
    try {
      const result = await bridge.invoke(name, { ...(input as object), jobId })
      if (!result.ok) throw new LmsCallError(result.error)
      return result.value
    } finally {
      stop()
      options.signal?.removeEventListener('abort', cancel)
    }
  }
  return {
    async call(name, input, ...rest: unknown[]) {
      const options = rest[0] as Parameters<typeof job>[2] | undefined
      if (options && routes[name]?.kind === 'job') return (await job(name, input, options)) as never
      const result = await bridge.invoke(name, input)
      if (!result.ok) throw new LmsCallError(result.error)
      return result.value as never
    },
    subscribe: (event, callback) => bridge.subscribe(event, callback),
  }
}

export const lms: LmsClient = createClient(defaultBridge())
