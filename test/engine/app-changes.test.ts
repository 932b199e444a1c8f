// app.changes reads the unsent change records a page at a time: with more than its
// largest page (1,000) waiting, a tool reaches every one by reading on after the last id,
// and app.status counts them all. Real SQLite file; the records are bulk-inserted.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openTestEngine, type OpenedTestEngine } from './helpers'

const WAITING = 2_345
let t: OpenedTestEngine
beforeAll(async () => {
  t = await openTestEngine()
  const raw = t.engine.sql.raw
  const insert = raw.prepare(
    "INSERT INTO change_records (operation, entity, local_id, input, state, created_at, updated_at, idempotency_key) VALUES ('coupons.create', 'coupon', ?, ?, ?, ?, ?, ?)",
  )
  const at = '2024-05-01T10:00:00.000Z'
  raw.transaction(() => {
    for (let i = 0; i < WAITING + 10; i++) {
      // Ten of them were sent already: not waiting.
      insert.run(i + 1, JSON.stringify({ code: `C${i}` }), i < 10 ? 'done' : i % 50 === 0 ? 'parked' : 'pending', at, at, `key-${i}`)
    }
  })()
})
afterAll(() => t.dispose())

it('pages through every waiting change record after the last id, and app.status counts them all', () => {
  type Change = { id: number; state: string; input: { code: string } }
  const seen: Change[] = []
  let afterId = 0
  for (let pages = 0; pages < 10; pages++) {
    const page = t.call('app.changes', { limit: 1000, afterId })
    seen.push(...(page as Change[]))
    if (page.length < 1000) break
    afterId = page.at(-1)!.id
  }
  expect(seen).toHaveLength(WAITING)
  expect(new Set(seen.map((c) => c.id)).size).toBe(WAITING)
  expect(seen.every((c) => c.state !== 'done')).toBe(true)
  expect(seen.at(-1)!.input.code).toBe(`C${WAITING + 9}`)
  expect(t.call('app.status', {}).pendingChanges).toBe(WAITING)
  // Without a cursor it answers the oldest, as before.
  expect(t.call('app.changes', {}).map((c) => (c.input as Change['input']).code)).toEqual(seen.slice(0, 100).map((c) => c.input.code))
})
