// What sync must know per queued operation beyond its declaration: whether it creates,
// updates or deletes, how to read the server id a create answers, and how to find a
// create on the hosted LMS by its natural key when an earlier attempt's outcome is unknown.
// One file per domain under ./adapters; this table joins them.
import type { SyncAdapter } from './adapter-kit'
import { coreAdapters } from './adapters/core'
import { certificateAdapters } from './adapters/certificates'
import { classAdapters } from './adapters/classes'
import { catalogAdapters } from './adapters/catalog'
import { importAdapters } from './adapters/import'
import { adminAdapters } from './adapters/admin'

export type { AdapterContext, Lookup, QueuedRecord, SyncAdapter } from './adapter-kit'

function join(...tables: Record<string, SyncAdapter>[]): Record<string, SyncAdapter> {
  const all: Record<string, SyncAdapter> = {}
  for (const table of tables) {
    for (const [name, adapter] of Object.entries(table)) {
      if (all[name]) throw new Error(`Sync adapter for ${name} is declared twice`)
      all[name] = adapter
    }
  }
  return all
}

export const ADAPTERS: Record<string, SyncAdapter> = join(coreAdapters, importAdapters, adminAdapters, catalogAdapters, classAdapters, certificateAdapters)

export function adapterFor(operation: string): SyncAdapter {
  const adapter = ADAPTERS[operation]
  if (!adapter) throw new Error(`No sync adapter for ${operation}`)
  return adapter
}
