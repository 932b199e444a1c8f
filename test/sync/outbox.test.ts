// The outbox owns change_records: enqueue is typed by the queued operation's input, a
// parked record's corrected input is checked by that operation's schema before it is
// queued again, and nothing else in the app reads or writes the table. The engine knows
// nothing of sync: the two are composed where the worker starts.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { coursesEnroll } from '../../src/shared/operations/courses'
import { usersCreate } from '../../src/shared/operations/users'
import { enqueue, retry } from '../../src/main/engine/outbox'
import { repoRoot } from '../http/server'
import { openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Laptop } from './world'

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

describe('the outbox module', () => {
  it('is the only code that names change_records, and the engine imports nothing of sync', () => {
    const src = path.join(repoRoot, 'src')
    const naming = sourceFiles(src)
      .filter((f) => fs.readFileSync(f, 'utf8').includes('change_records'))
      .map((f) => path.relative(repoRoot, f))
    const outside = naming.filter((f) => f !== 'src/main/engine/db/schema.ts' && !f.startsWith('src/main/engine/outbox/'))
    expect(outside).toEqual([])
    expect(naming).toContain('src/main/engine/outbox/records.ts')
    const engineImportsSync = sourceFiles(path.join(src, 'main/engine')).filter((f) => /from '(\.\.\/)+sync\//.test(fs.readFileSync(f, 'utf8')))
    expect(engineImportsSync.map((f) => path.relative(repoRoot, f))).toEqual([])
  })

  it('types what is queued by the operation', () => {
    // Compile-time checks (npm run typecheck): a wrong input for the named operation does not build.
    const typed = (sql: Parameters<typeof enqueue>[0]) => {
      enqueue(sql, coursesEnroll, 1, { id: 1, studentIds: [2] }, '2024-01-01T00:00:00.000Z')
      // @ts-expect-error studentIds is a list of ids
      enqueue(sql, coursesEnroll, 1, { id: 1, studentIds: 'two' }, '2024-01-01T00:00:00.000Z')
      // @ts-expect-error a user create needs an email
      enqueue(sql, usersCreate, 1, { firstName: 'No', password: 'x', password_confirmation: 'x' }, '2024-01-01T00:00:00.000Z')
    }
    expect(typeof typed).toBe('function')
  })
})

describe('a parked record corrected by the user', () => {
  const laptops: Laptop[] = []
  afterEach(() => {
    for (const l of laptops.splice(0)) l.dispose()
  })

  it('is checked by its operation\'s schema: an invalid correction is refused and changes nothing; a valid one is sent', async () => {
    const hosted = await startHosted({ hosted: true })
    try {
      const lap = await openLaptop({ timeoutMs: 2_000 })
      laptops.push(lap)
      lap.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
      const token = uniqueToken('fix')
      lap.call('users.create', { firstName: 'Fix', lastName: 'Me', email: `${token}@example.org`, password: 'fix me password', password_confirmation: 'fix me password' })
      hosted.proxy.addRule({ method: 'POST', path: /^\/api\/user\/create$/, nth: 1, fault: { kind: 'status', status: 422, message: 'The email has already been taken.' } })
      await lap.syncNow()
      const [parked] = lap.parked()
      expect(parked).toMatchObject({ operation: 'users.create', state: 'parked', reason: expect.stringMatching(/^422: The email has already been taken/) })

      const refused = lap.result('sync.retry', { id: parked.id, input: { email: 'not an email' } })
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', fields: { email: [expect.any(String)] } } })
      expect(lap.parked()).toMatchObject([{ id: parked.id, state: 'parked' }])
      // Refused by users.create's own schema, as a reason code with the field, for the screen to say in its language.
      expect(() => retry(lap.engine.sql, parked.id, { password_confirmation: 'does not match' }, new Date().toISOString())).toThrow(
        expect.objectContaining({ code: 'validation', reason: { key: 'reason.field.password_mismatch' }, fields: { password: [expect.any(String)] } }),
      )

      lap.call('sync.retry', { id: parked.id, input: { email: `${token}.fixed@example.org` } })
      await syncUntilSettled(lap)
      expect(lap.queue()).toEqual([])
      const users = (await hosted.proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/user/create')).map((e) => JSON.parse(e.body).email)
      expect(users).toEqual([`${token}@example.org`, `${token}.fixed@example.org`])
    } finally {
      await hosted.stop()
    }
  })
})
