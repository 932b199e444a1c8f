// How the engine is opened and what is composed with it where it starts
// (src/main/host/open-engine.ts): sync answers the operations the engine has no handler for
// and hears of local writes.
import type { EngineEvent } from '../../shared/contract/bridge'
import type { DataEntity } from '../../shared/operations/entities'
import type { OpName } from '../../shared/operations/index'
import type { HostedConnection } from './context'
import type { Sql } from './db/sql'
import type { HandlerTable } from './handlers'
import type { QueueKeySource } from './queue-key'

export interface InvokeMeta {
  idempotencyKey?: string
  /** The call came over HTTP: fields an operation keeps for local callers are refused. */
  remote?: boolean
}

export interface EngineOptions {
  dataDir: string
  /** Seed the demo world into an empty folder; refuses a folder holding a real site's data. */
  demo?: boolean
  /** Injectable for tests; the engine never orders sync by it. */
  clock?: () => Date
  log?: (line: string) => void
  /** Put a backup (`latest` or its name in backups/) in place of the database before opening it. */
  restoreBackup?: string
  /** How long the open may spend checking the database (the rest is checked after); tests set 0. */
  checkBudgetMs?: number
  /** Named to a second process that finds the data folder locked. */
  program?: string
  /** The key queued secrets are sealed with (see queue-key.ts); chosen where the engine is composed. */
  queueKey: QueueKeySource
  /**
   * What is composed with the engine where it starts (src/main/host/open-engine.ts): sync,
   * which answers the operations the engine has no handler for and hears of local writes.
   */
  extend?: (core: EngineCore) => EngineExtension
}

/** What an extension may use of the engine. */
export interface EngineCore {
  readonly sql: Sql
  readonly dataDir: string
  readonly clock: () => Date
  readonly log: (line: string) => void
  emit(event: EngineEvent): void
  /** Rows of these entities changed (a pulled page): named to the screens in one `changed` event. */
  entitiesChanged(entities: Iterable<DataEntity>): void
}

export interface EngineExtension {
  /** Handlers of operations the engine does not answer itself. */
  handlers: Partial<HandlerTable<OpName>>
  /** How the hosted LMS connection stands, for the operations that say so. */
  hostedConnection?: () => HostedConnection
  /** Local writes queued changes (called a moment after a burst of them). */
  onChangesRecorded?: () => void
  /** The database turned out damaged while open: writes are refused from now on. */
  onDamaged?: () => void
  onClose?: () => void
}
