// Messages between the engine host (main thread) and the engine worker.
import type { Result } from '../../shared/contract/result'
import type { EngineEvent, InvokeMeta } from '../engine/engine'

export interface WorkerInit {
  dataDir: string
  demo: boolean
}

export type ToWorker = { type: 'invoke'; id: number; name: string; input: unknown; meta?: InvokeMeta } | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; schemaVersion: number }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'closed' }
