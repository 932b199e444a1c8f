// Issue 14, finding 6: what is pending after an import and its undo, and the Pending list.
// A real engine on a real SQLite file (the demo world); nothing is sent anywhere here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeRecords, openTestEngine, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

const b64 = (content: string) => Buffer.from(content, 'utf8').toString('base64')
const importFile = (n: number, prefix: string) =>
  ['email,first_name,last_name', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org,First${i},Last${i}`)].join('\n')
const pendingCount = () => t.call('app.status', {}).pendingChanges
const unsentRecords = () => changeRecords(t.engine).filter((c) => ['pending', 'sending', 'parked'].includes(c.state))

describe('undoing an import that was never sent', () => {
  it('leaves nothing pending of it: 3,000 users with course and class enrollments, imported then undone', async () => {
    const before = pendingCount()
    const unsentBefore = unsentRecords().length
    const r = await t.async.call('import.commit', { contentBase64: b64(importFile(3000, 'undo')), selectedCourses: [1, 2], classIds: [1] })
    expect(r).toMatchObject({ created: 3000, failed: 0 })
    expect(pendingCount()).toBeGreaterThan(before + 6000)
    t.clock.advance(60_000)
    const undo = t.call('import.undo', { batchId: r.batchId })
    expect(undo).toMatchObject({ removed: 3000, refused: [] })
    expect(pendingCount()).toBe(before)
    expect(unsentRecords()).toHaveLength(unsentBefore)
    const status = t.call('sync.status', {})
    expect(status.pending + status.sending + status.parked).toBe(before)
  })
})

describe('a create never sent and its removal', () => {
  const user = (email: string) => ({ firstName: 'Pat', lastName: 'Quinn', email, password: 'correct horse battery', password_confirmation: 'correct horse battery' })

  it('leave nothing queued; once the create was sent, the removal is queued', () => {
    const before = pendingCount()
    const { id: userId } = t.call('users.create', user('never.sent@example.org'))
    t.call('courses.enroll', { id: 1, studentIds: [userId] })
    const [enrollment] = changeRecords(t.engine).filter((c) => c.operation === 'courses.enroll' && c.input.studentIds[0] === userId)
    t.call('courses.remove', { id: 1, enrollmentIds: [enrollment.local_id!] })
    t.call('users.delete', { delete_ids: [userId] })
    expect(pendingCount()).toBe(before)

    const { id: sentId } = t.call('users.create', user('was.sent@example.org'))
    t.call('courses.enroll', { id: 1, studentIds: [sentId] })
    // As a sync does once the hosted LMS took them.
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1 WHERE state = 'pending'").run()
    const enrollmentId = changeRecords(t.engine).find((c) => c.operation === 'courses.enroll' && c.input.studentIds[0] === sentId)?.local_id
    t.call('courses.remove', { id: 1, enrollmentIds: [enrollmentId!] })
    t.call('users.delete', { delete_ids: [sentId] })
    expect(unsentRecords().slice(-2).map((c) => [c.operation, c.local_id])).toEqual([
      ['courses.remove', enrollmentId],
      ['users.delete', sentId],
    ])
  })
})

describe('sync.pending: the unsent changes, paged on the server', () => {
  it('names each change\'s record as people know it, with its state, in queue order, in pages with real counts', async () => {
    const before = t.call('sync.pending', { page_size: 1000 }).recordsTotal
    const { id: userId } = t.call('users.create', { firstName: 'Åsa', lastName: 'Lind', email: 'asa.lind@example.org', password: 'correct horse battery', password_confirmation: 'correct horse battery' })
    t.call('courses.enroll', { id: 1, studentIds: [userId] })
    const courseName = t.call('courses.get', { id: 1 }).name
    const r = await t.async.call('import.commit', { contentBase64: b64(importFile(3, 'listed')), fileName: 'spring-intake.csv' })
    expect(r.created).toBe(3)
    // One refused by the hosted LMS (parked) and one waiting behind it (blocked), as a sync leaves them.
    const [createRow] = unsentRecords().filter((c) => c.operation === 'users.create' && c.local_id === userId)
    const [enrollRow] = unsentRecords().filter((c) => c.operation === 'courses.enroll' && c.input.studentIds[0] === userId)
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'parked', attempts = 1, last_error = '422: The email domain is not accepted.' WHERE id = ?").run(createRow.id)
    t.engine.sql.raw.prepare("UPDATE change_records SET blocked_reason = 'Waits for the user, which the hosted LMS refused.' WHERE id = ?").run(enrollRow.id)

    const all = t.call('sync.pending', { page_size: 1000 })
    expect(all.recordsTotal).toBe(before + 3)
    const mine = all.records.slice(-3)
    expect(mine).toEqual([
      expect.objectContaining({
        id: createRow.id,
        operation: 'users.create',
        action: 'Create a user',
        record: { text: 'Åsa Lind (asa.lind@example.org)', count: null, at: null },
        state: 'parked',
        reason: '422: The email domain is not accepted.',
        since: createRow.created_at,
      }),
      expect.objectContaining({
        id: enrollRow.id,
        action: 'Enroll in a course',
        record: expect.objectContaining({ text: `Åsa Lind (asa.lind@example.org) in ${courseName}` }),
        state: 'blocked',
        reason: 'Waits for the user, which the hosted LMS refused.',
      }),
      expect.objectContaining({ action: 'Create users (import)', record: { text: 'Import from spring-intake.csv', count: 3, at: null }, state: 'waiting', reason: null }),
    ])
    expect(all.counts).toMatchObject({ parked: 1, blocked: 1 })

    // Pages of 1: each page one row, in the same order, with the same totals.
    const paged = []
    for (let page = 1; page <= all.recordsTotal; page++) {
      const p = t.call('sync.pending', { page_size: 1, page_number: page })
      expect(p).toMatchObject({ recordsTotal: all.recordsTotal, recordsFiltered: all.recordsTotal })
      paged.push(...p.records.map((x: { id: number }) => x.id))
    }
    expect(paged).toEqual(all.records.map((x: { id: number }) => x.id))
    const parked = t.call('sync.pending', { state: 'parked', page_size: 10 })
    expect(parked).toMatchObject({ recordsFiltered: 1, records: [expect.objectContaining({ id: createRow.id })] })
    expect(t.call('sync.pending', { state: 'blocked' }).records.map((x: { id: number }) => x.id)).toEqual([enrollRow.id])
    expect(t.raw('sync.pending', { state: 'lost' })).toMatchObject({ ok: false, error: { status: 422 } })
  })

  it('pages a queue of thousands without a cap', async () => {
    await t.async.call('import.commit', { contentBase64: b64(importFile(2500, 'many')), selectedCourses: [1], batchSize: 1000 })
    const first = t.call('sync.pending', { page_size: 100 })
    expect(first.recordsTotal).toBeGreaterThanOrEqual(2503)
    const last = t.call('sync.pending', { page_size: 100, page_number: Math.ceil(first.recordsTotal / 100) })
    expect(last.records.length).toBe(first.recordsTotal - 100 * (Math.ceil(first.recordsTotal / 100) - 1))
    expect(last.records.at(-1)).toMatchObject({ action: 'Enroll in a course', record: { text: expect.stringMatching(/^First2499 Last2499 \(many2499@example\.org\) in /) } })

    // Newest first: a later import is on the first page, whatever the queue's length, its
    // upload right after its enrollments; the pages hold the same rows the other way round.
    await t.async.call('import.commit', { contentBase64: b64(importFile(12, 'later')), fileName: 'later.csv', selectedCourses: [1] })
    const newest = t.call('sync.pending', { page_size: 25, order: 'newest' })
    expect(newest.recordsTotal).toBe(first.recordsTotal + 13)
    expect(newest.records[0]).toMatchObject({ record: { text: expect.stringMatching(/^First11 Last11 \(later11@example\.org\) in /) } })
    expect(newest.records[12]).toMatchObject({ action: 'Create users (import)', record: { text: 'Import from later.csv', count: 12 } })
    const oldestLast = t.call('sync.pending', { page_size: 25, page_number: Math.ceil(newest.recordsTotal / 25) })
    const newestLast = t.call('sync.pending', { page_size: 25, page_number: Math.ceil(newest.recordsTotal / 25), order: 'newest' })
    const ids = (p: { records: { id: number }[] }) => p.records.map((r) => r.id)
    expect(ids(newestLast).at(-1)).toBe(t.call('sync.pending', { page_size: 1 }).records[0].id)
    expect(ids(oldestLast).at(-1)).toBe(newest.records[0].id)
    expect(t.raw('sync.pending', { order: 'sideways' })).toMatchObject({ ok: false, error: { status: 422 } })
  })
})
