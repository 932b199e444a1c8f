// Adapter for user/bulkUpload: one queued record per chunk of imported users (its local id
// an import_chunks row). The hosted LMS answers only a message, so each user's server id
// is found afterwards by email (as users.create is reconciled in core.ts) and mapped to
// the local user the import wrote for that email; later updates, deletes and enrollments
// of those users then translate.
import type { Sql } from '../../engine/db/sql'
import { findInList, type AdapterContext, type Lookup, type QueuedRecord, type SyncAdapter } from '../adapter-kit'
import { mapIds } from '../id-map'

const userByEmail = (ctx: AdapterContext, email: string): Promise<Lookup> =>
  findInList(
    ctx,
    'users.tabularList',
    { page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: email }) },
    (r) => String(r.email).toLowerCase() === email.toLowerCase(),
  )

/** The local user the import created for an email of this chunk (still mapped when undo removed it here since). */
function localUserOf(sql: Sql, chunkId: number, email: string): number | undefined {
  return sql.first(
    sql.qb.selectFrom('import_batch_users').select('user_id').where('chunk_id', '=', chunkId).where('email_key', '=', email.trim().toLowerCase()),
  )?.user_id
}

/**
 * Looks every user of the chunk up on the hosted LMS and maps those found. The chunk counts
 * as created (its "server id" is its first user's) only when all were found; a look-up
 * without an answer proves nothing, so then the record waits and asks again.
 */
async function mapChunk(ctx: AdapterContext, record: QueuedRecord, sent: Record<string, unknown>): Promise<Lookup> {
  const users = (sent.userList as { email?: unknown }[] | undefined) ?? []
  let first: number | undefined
  let missing = false
  for (const user of users) {
    const email = String(user.email ?? '')
    const found = await userByEmail(ctx, email)
    if (found === 'unknown' || found === 'unauthorized') return found
    if (found === undefined) {
      missing = true
      continue
    }
    first ??= found
    const local = record.local_id === null ? undefined : localUserOf(ctx.sql, record.local_id, email)
    if (local !== undefined) ctx.sql.transaction(() => mapIds(ctx.sql, 'user', local, found))
  }
  return missing ? undefined : first
}

export const importAdapters: Record<string, SyncAdapter> = {
  'users.bulkUpload': {
    kind: 'create',
    serverIdAfterSuccess: (ctx, record, sent) => mapChunk(ctx, record, sent),
    // After an attempt with no known outcome: done if every user is there already; if some
    // are missing the whole chunk is sent again and the hosted LMS refuses or skips the
    // emails it has (a refusal parks the record where the user sees it).
    reconcile: (ctx, record, sent) => mapChunk(ctx, record, sent),
  },
}
