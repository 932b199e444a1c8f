// Issue 14, finding 6: what is pending after an import and its undo, and the Pending list.
// A real engine on a real SQLite file (the demo world); nothing is sent anywhere here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeRecords, ok, openTestEngine, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

const b64 = (content: string) => Buffer.from(content, 'utf8').toString('base64')
const importFile = (n: number, prefix: string) =>
  ['email,first_name,last_name', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org,First${i},Last${i}`)].join('\n')
const pendingCount = () => ok<{ pendingChanges: number }>(t.engine.invoke('app.status', {})).pendingChanges
const unsentRecords = () => changeRecords(t.engine).filter((c) => ['pending', 'sending', 'parked'].includes(c.state))

describe('undoing an import that was never sent', () => {
  it('leaves nothing pending of it: 3,000 users with course and class enrollments, imported then undone', async () => {
    const before = pendingCount()
    const unsentBefore = unsentRecords().length
    const r = ok(await t.engine.invokeAsync('import.commit', { contentBase64: b64(importFile(3000, 'undo')), selectedCourses: [1, 2], classIds: [1] }))
    expect(r).toMatchObject({ created: 3000, failed: 0 })
    expect(pendingCount()).toBeGreaterThan(before + 6000)
    t.clock.advance(60_000)
    const undo = ok(t.engine.invoke('import.undo', { batchId: r.batchId }))
    expect(undo).toMatchObject({ removed: 3000, refused: [] })
    expect(pendingCount()).toBe(before)
    expect(unsentRecords()).toHaveLength(unsentBefore)
    const status = ok(t.engine.invoke('sync.status', {}))
    expect(status.pending + status.sending + status.parked).toBe(before)
  })
})
