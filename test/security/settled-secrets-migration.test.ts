// A data folder written before settled records forgot their secrets (issue 16, finding 5):
// its done and discarded change records still hold passwords in clear. Opening it with this
// version migrates them: the secrets of settled records are hidden, the unsent keep theirs
// (they are still to be sent), and no password of a settled record is left in the file.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, openDatabase } from '../../src/main/engine/db/open'
import { REDACTED } from '../../src/main/engine/redact'
import { migrations } from '../../migrations/index'
import { removeDir, tempDir } from '../engine/helpers'

const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0015_outbox_accepted'))
const at = '2024-05-01T10:00:00.000Z'
let dir = ''
afterEach(() => removeDir(dir))

describe('opening a data folder whose sent records still hold passwords', () => {
  it('hides the secrets of done and discarded records, keeps those still to be sent', async () => {
    expect(Object.keys(before).length).toBeLessThan(Object.keys(migrations).length)
    dir = tempDir('lms-migrate-secrets-')
    const old = await openDatabase(dir, { migrations: before })
    const insert = old.raw.prepare(
      "INSERT INTO change_records (operation, entity, local_id, input, state, created_at, updated_at, idempotency_key) VALUES (?, 'user', 1, ?, ?, ?, ?, ?)",
    )
    const records = [
      ['users.create', { firstName: 'Done', email: 'done@example.org', password: 'Done-Pass-4410', password_confirmation: 'Done-Pass-4410' }, 'done'],
      ['users.bulkUpload', { userList: [{ email: 'a@example.org', password: 'Bulk-Pass-7731' }, { email: 'b@example.org', password: null }] }, 'discarded'],
      ['users.updatePassword', { id: 1, password: 'Queued-Pass-2290', confirmPassword: 'Queued-Pass-2290' }, 'pending'],
    ] as const
    records.forEach(([operation, input, state], i) => insert.run(operation, JSON.stringify(input), state, at, at, `key-${i}`))
    old.close()

    const opened = await openDatabase(dir)
    const inputs = (opened.raw.prepare('SELECT input FROM change_records ORDER BY id').all() as { input: string }[]).map((r) => JSON.parse(r.input))
    opened.close()
    expect(inputs).toEqual([
      { firstName: 'Done', email: 'done@example.org', password: REDACTED, password_confirmation: REDACTED },
      { userList: [{ email: 'a@example.org', password: REDACTED }, { email: 'b@example.org', password: REDACTED }] },
      { id: 1, password: 'Queued-Pass-2290', confirmPassword: 'Queued-Pass-2290' },
    ])
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
      const file = path.join(dir, name)
      if (!fs.existsSync(file)) continue
      const bytes = fs.readFileSync(file)
      for (const secret of ['Done-Pass-4410', 'Bulk-Pass-7731']) expect(bytes.includes(secret), `${secret} in ${name}`).toBe(false)
    }
  })
})
