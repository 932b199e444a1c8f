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

describe('a create never sent and its removal', () => {
  const user = (email: string) => ({ firstName: 'Pat', lastName: 'Quinn', email, password: 'correct horse battery', password_confirmation: 'correct horse battery' })

  it('leave nothing queued; once the create was sent, the removal is queued', () => {
    const before = pendingCount()
    const { id: userId } = ok<{ id: number }>(t.engine.invoke('users.create', user('never.sent@example.org')))
    ok(t.engine.invoke('courses.enroll', { id: 1, studentIds: [userId] }))
    const [enrollment] = changeRecords(t.engine).filter((c) => c.operation === 'courses.enroll' && c.input.studentIds[0] === userId)
    ok(t.engine.invoke('courses.remove', { id: 1, enrollmentIds: [enrollment.local_id] }))
    ok(t.engine.invoke('users.delete', { delete_ids: [userId] }))
    expect(pendingCount()).toBe(before)

    const { id: sentId } = ok<{ id: number }>(t.engine.invoke('users.create', user('was.sent@example.org')))
    ok(t.engine.invoke('courses.enroll', { id: 1, studentIds: [sentId] }))
    // As a sync does once the hosted LMS took them.
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1 WHERE state = 'pending'").run()
    const enrollmentId = changeRecords(t.engine).find((c) => c.operation === 'courses.enroll' && c.input.studentIds[0] === sentId)?.local_id
    ok(t.engine.invoke('courses.remove', { id: 1, enrollmentIds: [enrollmentId] }))
    ok(t.engine.invoke('users.delete', { delete_ids: [sentId] }))
    expect(unsentRecords().slice(-2).map((c) => [c.operation, c.local_id])).toEqual([
      ['courses.remove', enrollmentId],
      ['users.delete', sentId],
    ])
  })
})
