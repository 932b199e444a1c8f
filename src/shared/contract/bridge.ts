// What the preload script exposes to the renderer as `window.lms`, and nothing more.
import type { Result } from './result'

export interface EngineEvent {
  type: 'changes'
  pendingChanges: number
}

export type EngineEventType = EngineEvent['type']

export interface LmsBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>
  subscribe(event: EngineEventType, callback: (event: EngineEvent) => void): () => void
}

export const IPC_INVOKE = 'lms:invoke'
export const IPC_EVENT = 'lms:event'
