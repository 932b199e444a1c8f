// Where the engine and sync are composed: the engine knows nothing of sync (it queues
// change records in its outbox and answers the operations it owns); sync is given the
// engine's database and events, answers the sync.* operations and hears of local writes.
// The worker opens the app's engine here, and so do tests, benchmarks and tools.
import { Engine, type EngineOptions } from '../engine/engine'
import { fileQueueKey, type QueueKeySource } from '../engine/queue-key'
import { syncHandlers } from '../sync/handlers'
import { FileSecretStore, type SecretStore } from '../sync/secret-store'
import { SyncService, type SyncServiceOptions } from '../sync/sync-service'

export interface LmsEngineOptions extends Omit<EngineOptions, 'extend' | 'queueKey'> {
  /** The key queued secrets are sealed with: the desktop app's from the OS keychain; else a 0600 file in the data folder. */
  queueKey?: QueueKeySource
  /** Where the hosted LMS token is kept; a 0600 file in the data folder unless the host keeps it. */
  secrets?: SecretStore
  /** For sync tests: a fetch that goes through a fault-injecting proxy, a fixed random source, no timer. */
  sync?: Pick<SyncServiceOptions, 'fetchImpl' | 'random' | 'intervalMs' | 'timeoutMs' | 'pullPageSize' | 'pull' | 'concurrency' | 'rosterTurn'>
}

/** The engine with sync attached. */
export type LmsEngine = Engine & { readonly sync: SyncService }

export async function openLmsEngine(options: LmsEngineOptions): Promise<LmsEngine> {
  const { secrets, sync: syncOptions, queueKey, ...engineOptions } = options
  let sync: SyncService | undefined
  const engine = await Engine.open({
    ...engineOptions,
    queueKey: queueKey ?? fileQueueKey(options.dataDir),
    extend(core) {
      const service = new SyncService({
        sql: core.sql,
        clock: core.clock,
        secrets: secrets ?? new FileSecretStore(core.dataDir),
        log: core.log,
        onStatus: () => core.emit({ type: 'sync' }),
        onChanged: (entities) => core.entitiesChanged(entities),
        ...syncOptions,
      })
      sync = service
      return {
        handlers: syncHandlers(service),
        hostedConnection: () => service.connection(),
        onChangesRecorded: () => service.trigger(),
        onDamaged: () => service.stop(),
        onClose: () => service.stop(),
      }
    },
  })
  return Object.assign(engine, { sync: sync as SyncService })
}
