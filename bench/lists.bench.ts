// List pages through the engine on a large users table: each sort column, deep pages, searches.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine } from '../src/main/host/open-engine'
import { measureListCases, type Figure, type ListCase } from './harness'

const USER_SORTS = ['id', 'first_name', 'last_name', 'email', 'user_type', 'created_at', 'last_login'] as const
const USER_TYPES = ['general', 'general', 'general', 'staff', 'group_admin'] as const

export async function benchLists(userCount = 100_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-lists-'))
  const engine = await openLmsEngine({ dataDir: dir, demo: true })
  const raw = engine.sql.raw
  const insert = raw.prepare(
    `INSERT INTO users (first_name, last_name, email, email_key, password_hash, user_type, disabled, custom_user_metas, last_login_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, 0, '[]', ?, ?, ?)`,
  )
  const t0 = performance.now()
  raw.transaction(() => {
    for (let i = 0; i < userCount; i++) {
      const email = `bench.user.${i}@example.org`
      const at = new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString()
      const login = i % 3 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % userCount) * 60_000).toISOString()
      insert.run(`First${i % 997}`, `Last${i % 991}`, email, email, USER_TYPES[i % USER_TYPES.length], login, at, at)
    }
  })()
  const seedMs = performance.now() - t0
  raw.exec('ANALYZE')
  const figures: Figure[] = [{ name: `seed ${userCount} users (raw insert, search index by trigger)`, unit: 'ms', value: seedMs, target: '< 60000 ms' }]

  const page = (n: number, extra: Record<string, unknown> = {}) => ({ page_size: 50, page_number: n, ...extra })
  const cases: ListCase[] = [
    ['page 1 (default order)', page(1)],
    ['page 1000 by last_name asc', page(1000, { order_by: { colName: 'last_name', direction: 'asc' } })],
    ['page 2000 (last) by created_at desc', page(2000, { order_by: { colName: 'created_at', direction: 'desc' } })],
    ...USER_SORTS.flatMap((colName) =>
      (['asc', 'desc'] as const).map((direction): ListCase => [`page 1 by ${colName} ${direction}`, page(1, { order_by: { colName, direction } })]),
    ),
    ['search nameOrEmail "user.4242"', page(1, { search_param: { nameOrEmail: 'user.4242' } })],
    ['search nameOrEmail "First42 Last" (name)', page(1, { search_param: { nameOrEmail: 'First42 Last' } })],
    ['search nameOrEmail "FIRST996" by last_name', page(1, { search_param: { nameOrEmail: 'FIRST996' }, order_by: { colName: 'last_name', direction: 'asc' } })],
    ['search nameOrEmail "no such person"', page(1, { search_param: { nameOrEmail: 'no such person' } })],
    ['search nameOrEmail "r.9" (short-ish, many rows)', page(1, { search_param: { nameOrEmail: 'r.9' } })],
    ['search nameOrEmail "zz" (2 characters)', page(1, { search_param: { nameOrEmail: 'zz' } })],
    ['filter userType staff', page(1, { search_param: { userType: ['staff'] } })],
  ]
  figures.push(...measureListCases(engine, 'users.tabularList', `users list (${userCount} users)`, cases))
  engine.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return figures
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./harness')
  report(await benchLists(Number(process.env.USERS ?? 100_000)))
}
