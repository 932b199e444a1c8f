// List pages through the engine on a large users table.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Engine } from '../src/main/engine/engine'
import { percentile, timeRuns, type Figure } from './harness'

export async function benchLists(userCount = 100_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-lists-'))
  const engine = await Engine.open({ dataDir: dir, demo: true })
  const raw = engine.sql.raw
  const insert = raw.prepare(
    `INSERT INTO users (first_name, last_name, email, email_key, password_hash, user_type, disabled, custom_user_metas, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, 'general', 0, '[]', ?, ?)`,
  )
  const t0 = performance.now()
  raw.transaction(() => {
    for (let i = 0; i < userCount; i++) {
      const email = `bench.user.${i}@example.org`
      const at = new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString()
      insert.run(`First${i % 997}`, `Last${i % 991}`, email, email, at, at)
    }
  })()
  const seedMs = performance.now() - t0
  const figures: Figure[] = [{ name: `seed ${userCount} users (raw insert)`, unit: 'ms', value: seedMs }]

  const cases: [string, Record<string, unknown>][] = [
    ['users.tabularList page 1 by created_at desc', { page_size: 50, page_number: 1, order_by: { colName: 'created_at', direction: 'desc' } }],
    ['users.tabularList page 1000 by last_name asc', { page_size: 50, page_number: 1000, order_by: { colName: 'last_name', direction: 'asc' } }],
    ['users.tabularList search nameOrEmail', { page_size: 50, page_number: 1, search_param: { nameOrEmail: 'user.4242' } }],
  ]
  for (const [name, input] of cases) {
    const runs = timeRuns(() => {
      const result = engine.invoke('users.tabularList', input)
      if (!result.ok) throw new Error(result.error.message)
    }, 200)
    figures.push({ name: `${name} p50`, unit: 'ms', value: percentile(runs, 50) })
    figures.push({ name: `${name} p95`, unit: 'ms', value: percentile(runs, 95), target: '< 10 ms' })
  }
  engine.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return figures
}
