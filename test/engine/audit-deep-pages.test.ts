// Deep pages of the audit log by date start their OFFSET at the day the page falls in,
// found from the kept rows-per-day counts (migrations/0012_audit_days, domains/audit/
// days.ts). Every page must hold exactly the rows SQLite's plain ORDER BY ... OFFSET gives,
// whatever the created_at text looks like, and the counts must follow inserts, deletes and
// changed dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, rows, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
const ACTIONS = ['Login', 'Created', 'Updated', 'Deleted'] as const

function insertAudit(createdAt: (i: number) => string, n: number): void {
  const insert = t.engine.sql.raw.prepare(
    `INSERT INTO audit_activities (performed_by_id, performed_by, effect_on, subject, subject_id, action, details, created_at)
     VALUES (?, ?, 'User', 'User', ?, ?, '[]', ?)`,
  )
  t.engine.sql.raw.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(i % 7, `Admin${i % 7}`, i, ACTIONS[i % 4], createdAt(i))
  })()
}

beforeAll(async () => {
  t = await openTestEngine()
  const day = (d: number, minute: number) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000 + minute * 60_000).toISOString()
  // Sixty days of rows, a few per minute (ties broken by id).
  insertAudit((i) => day(i % 60, Math.floor(i / 180)), 14_000)
  // One import's worth: 8,000 rows at the same instant.
  insertAudit(() => day(30, 5), 8_000)
  // Dates as other writers might leave them: date only, a space, an offset, short, empty.
  for (const odd of ['2023-01-31', '2023-01-31 09:00:00', '2023-01-31T09:00:00+02:00', '2023', '', '2023-01-3', 'Z']) insertAudit(() => odd, 150)
})
afterAll(() => t.dispose())

function expected(direction: 'asc' | 'desc', where = '1 = 1', ...params: unknown[]): number[] {
  return rows<{ id: number }>(t.engine, `SELECT id FROM audit_activities WHERE ${where} ORDER BY created_at ${direction}, id ${direction}`, ...params).map((r) => r.id)
}

function walked(pageSize: number, direction: 'asc' | 'desc', search_param?: Record<string, unknown>): number[] {
  const seen: number[] = []
  for (let page = 1; ; page++) {
    const result = t.call('audit.list', { page_size: pageSize, page_number: page, order_by: { colName: 'created_at', direction }, ...(search_param ? { search_param } : {}) })
    if (result.records.length === 0) return seen
    seen.push(...result.records.map((r) => r.id))
  }
}

function keptDaysMatch(): void {
  const kept = rows(t.engine, 'SELECT day, n FROM audit_days ORDER BY day')
  const counted = rows(t.engine, 'SELECT substr(created_at, 1, 10) AS day, count(*) AS n FROM audit_activities GROUP BY 1 ORDER BY 1')
  expect(kept).toEqual(counted)
}

describe('audit log pages by date', () => {
  it('keeps one count per day equal to counting the rows', () => {
    expect(rows<{ n: number }>(t.engine, 'SELECT count(*) AS n FROM audit_activities')[0].n).toBeGreaterThan(22_000)
    keptDaysMatch()
  })

  it.each(['asc', 'desc'] as const)('walks the whole log %s page by page to exactly the rows of ORDER BY created_at, id', (direction) => {
    const all = expected(direction)
    expect(walked(37, direction)).toEqual(all)
    expect(walked(1000, direction)).toEqual(all)
  })

  it('answers a page at any depth on its own, and an empty page past the end', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const all = expected(direction)
      for (const page of [1, 270, 271, 300, 441, 442, 443, 460, 462, 463, 500]) {
        const result = t.call('audit.list', { page_size: 50, page_number: page, order_by: { colName: 'created_at', direction } })
        expect(result.records.map((r: { id: number }) => r.id), `${direction} page ${page}`).toEqual(all.slice((page - 1) * 50, page * 50))
        expect(result.recordsFiltered).toBe(all.length)
      }
    }
  })

  it('pages filtered lists and other orders without the day counts, to the same rows as SQL', () => {
    for (const direction of ['asc', 'desc'] as const) {
      expect(walked(500, direction, { activityName: 'created' })).toEqual(expected(direction, "action = 'Created'"))
      const byId = t.call('audit.list', { page_size: 100, page_number: 150, order_by: { colName: 'id', direction } })
      const ids = rows<{ id: number }>(t.engine, `SELECT id FROM audit_activities ORDER BY id ${direction} LIMIT 100 OFFSET 14900`).map((r) => r.id)
      expect(byId.records.map((r: { id: number }) => r.id)).toEqual(ids)
    }
  })

  it('follows deletes, whole days removed, and dates moved to other days', () => {
    const raw = t.engine.sql.raw
    raw.prepare("DELETE FROM audit_activities WHERE substr(created_at, 1, 10) = '2023-01-15'").run()
    raw.prepare('DELETE FROM audit_activities WHERE id % 97 = 0').run()
    raw.prepare("UPDATE audit_activities SET created_at = '2022-12-31T23:59:59.000Z' WHERE id % 89 = 0").run()
    raw.prepare("UPDATE audit_activities SET created_at = substr(created_at, 1, 10) || 'T00:00:00.000Z' WHERE id % 83 = 0").run()
    raw.prepare("UPDATE audit_activities SET action = 'Login' WHERE id % 79 = 0").run()
    keptDaysMatch()
    expect(rows(t.engine, "SELECT n FROM audit_days WHERE day = '2023-01-15'")).toEqual([])
    for (const direction of ['asc', 'desc'] as const) expect(walked(211, direction)).toEqual(expected(direction))
    insertAudit(() => '2023-03-01T00:00:00.000Z', 300)
    keptDaysMatch()
    expect(walked(1000, 'desc')).toEqual(expected('desc'))
  })
})
