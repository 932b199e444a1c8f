// Frozen once released: never edit, add a new migration instead.
// Change records already sent (done) or discarded kept the passwords they carried. From
// this version a record forgets its secrets when it settles (src/main/engine/outbox.ts);
// this does the same for the records settled before. Records still to be sent keep theirs.
//
// The secret keys are listed here and not imported from src/main/engine/redact.ts: a
// migration must do forever what it did when released, whatever the app's list becomes,
// and migrations do not depend on app code. The mark is the one the app shows.
import { sql, type Kysely } from 'kysely'

const SECRET_KEYS = new Set(['password', 'password_confirmation', 'confirmPassword', 'token', 'stringCode', 'qrCode', 'secretCode', 'as_string', 'as_uri', 'as_qr_code'])
const HIDDEN = '••••••'

function hide(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hide)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? HIDDEN : hide(v)]))
}

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ id: number; input: string }>`SELECT id, input FROM change_records WHERE state IN ('done', 'discarded')`.execute(db)
  for (const row of rows) {
    let input: unknown
    try {
      input = JSON.parse(row.input)
    } catch {
      continue // not JSON: nothing this app wrote, left as it is
    }
    const hidden = JSON.stringify(hide(input))
    if (hidden !== row.input) await sql`UPDATE change_records SET input = ${hidden} WHERE id = ${row.id}`.execute(db)
  }
}
