// Messages between the engine host (main thread) and the engine worker.
import type { Result } from '../../shared/contract/result'
import type { EngineEvent, InvokeMeta } from '../engine/engine'
import type { OpenRefusal } from '../engine/db/refusal'

export interface WorkerInit {
  dataDir: string
  demo: boolean
  /**
   * Set when the host keeps the hosted LMS token (the desktop app, in the OS keychain): the
   * worker holds it in memory and hands changes back with a 'secret' message.
   */
  hostSecret?: { token: string | null }
  /** Put a backup (`latest` or its name) in place of the database before opening it. */
  restoreBackup?: string
  /** Named to a second process that finds the data folder locked. */
  program?: string
}

export type ToWorker = { type: 'invoke'; id: number; name: string; input: unknown; meta?: InvokeMeta } | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; schemaVersion: number; restored: { name: string; takenAt: string } | null }
  | { type: 'fatal'; message: string; refusal?: OpenRefusal }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'closed' }
  | { type: 'secret'; token: string | null }
