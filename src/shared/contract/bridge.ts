// What the preload script exposes to the renderer as `window.lms`, and nothing more.
import type { Result } from './result'

export type EngineEvent =
  | { type: 'changes'; pendingChanges: number }
  /** Sync's status changed (a run started, progressed or ended); read sync.status. */
  | { type: 'sync' }
  /** A CSV import moved on (see import.progress): bytes of the file while reading and checking, rows while writing. */
  | { type: 'import'; jobId: string; phase: 'reading' | 'checking' | 'writing' | 'done' | 'cancelled' | 'interrupted'; done: number; total: number }

export type EngineEventType = EngineEvent['type']

export interface LmsBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>
  subscribe<T extends EngineEventType>(event: T, callback: (event: Extract<EngineEvent, { type: T }>) => void): () => void
}

export const IPC_INVOKE = 'lms:invoke'
export const IPC_EVENT = 'lms:event'
