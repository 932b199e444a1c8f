// The typed client: `lms.call('courses.enroll', input)` resolves with the documented
// output or throws an LmsCallError carrying the engine's field errors.
import type { EngineEvent, EngineEventType, LmsBridge } from '../../../shared/contract/bridge'
import type { ErrorPayload, Reason } from '../../../shared/contract/result'
import type { OpInput, OpName, OpOutput } from '../../../shared/operations/index'
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

export interface LmsClient {
  call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>
  subscribe<T extends EngineEventType>(event: T, callback: (event: Extract<EngineEvent, { type: T }>) => void): () => void
}

export function createClient(bridge: LmsBridge): LmsClient {
  return {
    async call(name, input) {
      const result = await bridge.invoke(name, input)
      if (!result.ok) throw new LmsCallError(result.error)
      return result.value as never
    },
    subscribe: (event, callback) => bridge.subscribe(event, callback),
  }
}

export const lms: LmsClient = createClient(defaultBridge())
