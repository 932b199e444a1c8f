// What a call that threw answers: an LmsError as its own payload, a damaged database or a
// full disk as what the user can do about it, anything else as an internal fault that is
// logged (once a minute per kind) without the input, which can carry passwords.
import type { OperationKind } from '../../shared/contract/operation'
import type { ErrorPayload, Result } from '../../shared/contract/result'
import { isCorruptionError } from './db/integrity'
import { LmsError } from './errors'
import type { LogLimiter } from './log-limiter'
import { storageFailure, storageMessage, storageProblemOf } from './storage-errors'

export function failure(error: ErrorPayload): Result<never> {
  return { ok: false, error }
}

/** What every write answers once the database turned out damaged while open. */
export function damagedFailure(damage: string | null): ErrorPayload {
  return {
    code: 'damaged',
    status: 503,
    message:
      `The database is damaged (${damage}); changes are refused so that nothing more is written to it. ` +
      'Restart the app: it checks the database and offers to restore the latest backup.',
  }
}

/** What the engine is, at the moment a call failed. */
export interface FailureScene {
  logs: LogLimiter
  dataDir: string
  closed(): boolean
  /** The damage known now, or null (a corruption reported below sets it). */
  damage(): string | null
  /** A corruption error found by a call: the upkeep checks the database and records the damage. */
  corruptionReported(error: Error): void
}

export function failureOf(scene: FailureScene, name: string, error: unknown, kind: OperationKind): Result<never> {
  const { logs } = scene
  if (error instanceof LmsError) {
    // An answer that explains a fault (an import stopped by the disk) still logs the fault.
    const cause = error.cause
    if (cause !== undefined && !(cause instanceof LmsError)) {
      logs.write(`${name} ${error.code}`, () => `[engine] ${name}: ${error.message} ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`)
    }
    return failure(error.toPayload())
  }
  if (isCorruptionError(error) && !scene.closed()) {
    if (!scene.damage()) scene.corruptionReported(error as Error)
    return failure(damagedFailure(scene.damage()))
  }
  const attempt = kind === 'write' ? 'write' : 'read'
  // A job that writes commits as it goes: "nothing was saved" would not be true of it.
  const problem = storageProblemOf(error, scene.dataDir)
  const detail = error instanceof Error ? error.message : String(error)
  if (problem) {
    // The laptop's disk, not a bug: one line a minute per kind, no stack.
    logs.write(`storage ${problem}`, () => `[engine] ${name} failed: ${storageMessage(problem, attempt)} (${(error as { code?: string }).code ?? ''} ${detail})`)
    return failure(storageFailure(problem, attempt))
  }
  // Inputs can carry passwords: log the operation and the error, never the input.
  logs.write(`${name} ${detail}`, () => `[engine] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return failure({
    code: 'internal',
    status: 500,
    message: attempt === 'write' ? 'The operation failed inside the engine; nothing was saved.' : 'The operation failed inside the engine.',
  })
}
