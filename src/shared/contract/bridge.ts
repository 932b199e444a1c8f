// What the preload script exposes to the renderer as `window.lms`, and nothing more.
import type { DataEntity } from '../operations/entities'
import type { JobPhase } from './operation'
import type { Result } from './result'

export type EngineEvent =
  | { type: 'changes'; pendingChanges: number }
  /** Rows of these entities changed and are committed (a write, an import, a sync pull): queries reading them refetch. */
  | { type: 'changed'; entities: DataEntity[] }
  /** Sync's status changed (a run started, progressed or ended); read sync.status. */
  | { type: 'sync' }
  /**
   * A job (an operation declared `kind: 'job'`) moved on: `phase` is one its declaration
   * names, or how it ended (done, cancelled, failed). An import counts the file's bytes
   * while reading and checking and rows while writing; a PDF counts pages.
   */
  | JobProgressEvent

export interface JobProgressEvent<P extends string = string> {
  type: 'job'
  jobId: string
  operation: string
  phase: JobPhase<P>
  done: number
  total: number
}

export type EngineEventType = EngineEvent['type']

export interface LmsBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>
  subscribe<T extends EngineEventType>(event: T, callback: (event: Extract<EngineEvent, { type: T }>) => void): () => void
}

export const IPC_INVOKE = 'lms:invoke'
export const IPC_EVENT = 'lms:event'
