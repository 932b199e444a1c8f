// Catalog lists on large tables (coupons, course categories with usage counts) and the
// cost of a two-factor confirmation (TOTP check, three time steps).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSync } from 'otplib'
import { openLmsEngine } from '../src/main/host/open-engine'
import { percentile, timeRuns, type Figure } from './harness'

export async function benchCatalog(couponCount = 50_000, categoryCount = 5_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-catalog-'))
  const engine = await openLmsEngine({ dataDir: dir, demo: true })
  const raw = engine.sql.raw
  const coupon = raw.prepare(
    `INSERT INTO coupons (code, code_key, type, value, usage_limit, expiry, allowed_emails, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)`,
  )
  const category = raw.prepare(`INSERT INTO categories (name, type, created_at, author_id, updated_at) VALUES (?, 'course', ?, 1, ?)`)
  const link = raw.prepare('INSERT OR IGNORE INTO course_categories (course_id, category_id) VALUES (?, ?)')
  raw.transaction(() => {
    for (let i = 0; i < couponCount; i++) {
      const code = `BENCH${i}`
      const at = new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString()
      coupon.run(code, code.toLowerCase(), i % 2 ? 'percent_amount' : 'fixed_amount', i % 100, i % 7 ? 100 : null, at, at)
    }
    for (let i = 0; i < categoryCount; i++) {
      const at = new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString()
      const id = Number(category.run(`Bench category ${i}`, at, at).lastInsertRowid)
      link.run(1 + (i % 6), id)
    }
  })()
  const figures: Figure[] = []
  const cases: [string, string, Record<string, unknown>][] = [
    [`coupons.tabularList (${couponCount}) page 1 by created_at desc`, 'coupons.tabularList', { page_size: 50, page_number: 1 }],
    [`coupons.tabularList (${couponCount}) search code`, 'coupons.tabularList', { page_size: 50, page_number: 1, search_param: { code: 'BENCH4242' } }],
    [`coupons.create with the code check (${couponCount} codes)`, 'coupons.create', {}],
    [`categories.courseList (${categoryCount}) sorted by usage count`, 'categories.courseList', { page_size: 50, page_number: 1, order_by: { colName: 'count', direction: 'desc' } }],
  ]
  for (const [name, operation, input] of cases) {
    const runs = timeRuns((i) => {
      const result = engine.invoke(operation, operation === 'coupons.create' ? { code: `NEW${i}-${Math.random()}`, type: 'fixed_amount', value: 5 } : input)
      if (!result.ok) throw new Error(result.error.message)
    }, 100)
    figures.push({ name: `${name} p50`, unit: 'ms', value: percentile(runs, 50) })
    figures.push({ name: `${name} p95`, unit: 'ms', value: percentile(runs, 95), target: '< 50 ms' })
  }

  const prepared = engine.invoke('twoFactor.prepare', { user_id: 3 })
  if (!prepared.ok) throw new Error(prepared.error.message)
  const secret = (prepared.value as { as_string: string }).as_string
  // A wrong code is the slower path: every step of the window is computed.
  const wrong = String((Number(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) })) + 1) % 1_000_000).padStart(6, '0')
  const confirms = timeRuns(() => engine.invoke('twoFactor.confirm', { user_id: 3, secretCode: wrong, stringCode: secret }), 200)
  figures.push({ name: 'twoFactor.confirm with a wrong code p50', unit: 'ms', value: percentile(confirms, 50) })
  engine.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return figures
}
