// The idempotency store keeps no secret (issue 16, finding 5): a body's password or 2FA
// code only as a salted hash, and no answer that carries a 2FA secret, so a replayed
// prepareTwoFactorAuth key cannot hand the secret out again. A real engine on a temporary
// SQLite file, keyed writes as the HTTP server makes them, the file read as an attacker
// with read access to the data folder would.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { generateSync } from 'otplib'
import { afterEach, describe, expect, it } from 'vitest'
import { stableStringify } from '../../src/main/engine/idempotency'
import { clientOf, openTestEngine, type OpenedTestEngine } from '../engine/helpers'

const PASSWORD = 'Idempotent-Horse-Battery-77'
let opened: OpenedTestEngine | undefined

afterEach(() => {
  opened?.dispose()
  opened = undefined
})

interface KeyRow {
  key: string
  operation: string
  body_hash: string
  response: string
}

const databaseFile = (t: OpenedTestEngine) => path.join(t.dir, fs.readdirSync(t.dir).find((f) => /\.(sqlite|db)$/.test(f))!)

function read<T>(t: OpenedTestEngine, query: string): T[] {
  const db = new Database(databaseFile(t), { readonly: true, fileMustExist: true })
  try {
    return db.prepare(query).all() as T[]
  } finally {
    db.close()
  }
}

const keyRows = (t: OpenedTestEngine) => read<KeyRow>(t, 'SELECT key, operation, body_hash, response FROM idempotency_keys ORDER BY key')

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('the idempotency store', () => {
  it('keeps a password only salted: the same password in two bodies under two salts, no body hashed plainly', async () => {
    opened = await openTestEngine()
    const { engine } = opened
    const body = { firstName: 'Ida', lastName: 'Key', email: 'ida.key@example.org', password: PASSWORD, password_confirmation: PASSWORD }
    const first = clientOf(engine, { idempotencyKey: 'key-one' }).call('users.create', body)
    // The same body under a second key: a different request to the store, refused by the engine (the email is taken).
    clientOf(engine, { idempotencyKey: 'key-two' }).fails('users.create', body)
    const other = { ...body, email: 'ida.key2@example.org' }
    clientOf(engine, { idempotencyKey: 'key-three' }).call('users.create', other)

    const rows = keyRows(opened)
    expect(rows.map((r) => r.key)).toEqual(['key-one', 'key-three'])
    for (const row of rows) {
      expect(JSON.stringify(row)).not.toContain(PASSWORD)
      for (const plain of [body, other]) {
        expect(row.body_hash).not.toContain(sha256(stableStringify(plain)))
        expect(row.body_hash).not.toContain(sha256(JSON.stringify(plain)))
        expect(row.body_hash).not.toContain(sha256(PASSWORD))
      }
    }
    // Two bodies that differ only in their email hide the same password under different salts.
    const secretPart = (r: KeyRow) => r.body_hash.split(' ')[1]
    expect(secretPart(rows[0]!)).toMatch(/^scrypt\$/)
    expect(secretPart(rows[1]!)).toMatch(/^scrypt\$/)
    expect(secretPart(rows[0]!).split('$')[4]).not.toBe(secretPart(rows[1]!).split('$')[4])

    // It still does its job: the same request answers the first answer, a changed password is refused.
    expect(clientOf(engine, { idempotencyKey: 'key-one' }).call('users.create', body)).toEqual(first)
    const changed = clientOf(engine, { idempotencyKey: 'key-one' }).fails('users.create', { ...body, password: `${PASSWORD}!`, password_confirmation: `${PASSWORD}!` })
    expect(changed.status).toBe(422)
    expect(changed.message).toContain('already used for a different request')
    const users = read<{ email: string }>(opened, "SELECT email FROM users WHERE email LIKE 'ida.key%' ORDER BY email")
    expect(users.map((u) => u.email)).toEqual(['ida.key2@example.org', 'ida.key@example.org'])
  })

  it('a replayed prepareTwoFactorAuth key after 2FA was disabled hands out a new secret, never the first one', async () => {
    opened = await openTestEngine({ demo: true })
    const { engine, clock } = opened
    const prepared = clientOf(engine, { idempotencyKey: 'prepare-1' }).call('twoFactor.prepare', { user_id: 3 })
    const code = generateSync({ secret: prepared.as_string!, epoch: Math.floor(clock().getTime() / 1000) })
    clientOf(engine, { idempotencyKey: 'confirm-1' }).call('twoFactor.confirm', { user_id: 3, secretCode: code, stringCode: prepared.as_string! })
    clientOf(engine, { idempotencyKey: 'disable-1' }).call('twoFactor.disable', { user_id: 3 })

    const replayed = clientOf(engine, { idempotencyKey: 'prepare-1' }).call('twoFactor.prepare', { user_id: 3 })
    expect(replayed.as_string).not.toBe(prepared.as_string)
    expect(replayed.enabled).toBe(false)
    const stored = JSON.stringify(keyRows(opened))
    expect(stored).not.toContain(prepared.as_string)
    expect(stored).not.toContain(replayed.as_string)
    expect(stored).not.toContain(code)
  })

  it('drops the rows an earlier version kept (an unsalted hash of the whole body) at the first keyed write', async () => {
    opened = await openTestEngine()
    const body = { id: 1, password: PASSWORD }
    const db = new Database(databaseFile(opened))
    db.prepare('INSERT INTO idempotency_keys (key, operation, body_hash, response, created_at) VALUES (?, ?, ?, ?, ?)').run(
      'old-key',
      'users.updatePassword',
      sha256(stableStringify(body)),
      'null',
      opened.clock().toISOString(),
    )
    db.close()
    clientOf(opened.engine, { idempotencyKey: 'new-key' }).call('categories.create', { category_name: 'Keyed', categoryType: 'course' })
    expect(keyRows(opened).map((r) => r.key)).toEqual(['new-key'])
  })
})
