// How the engine runs each kind of operation, read from its declaration: a write in one
// transaction with its change records (all or nothing), a job outside any transaction of
// the engine's, reporting progress and stopping at its next checkpoint when cancelled.
// Real SQLite files; the import is a real import of a generated CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobProgressEvent } from '../../src/shared/contract/bridge'
import { operationsByName } from '../../src/shared/operations/index'
import { b64, importCalls } from './import-helpers'
import { changeRecords, count, err, ok, openTestEngine, rows, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
const { commit } = importCalls(() => t.async)
afterEach(() => t.dispose())

const csv = (n: number, prefix = 'kind') => 'email,first_name,last_name\n' + Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org,Kind,Learner ${i}\n`).join('')

/** The job events of one job id, as the engine emits them. */
function jobEvents(jobId: string, onEach?: (event: JobProgressEvent) => void): JobProgressEvent[] {
  const seen: JobProgressEvent[] = []
  t.engine.onEvent((event) => {
    if (event.type !== 'job' || event.jobId !== jobId) return
    seen.push(event)
    onEach?.(event)
  })
  return seen
}

describe('a write', () => {
  beforeEach(async () => {
    t = await openTestEngine()
  })

  it('that throws after writing leaves no rows and no change record', () => {
    const before = { users: count(t.engine, 'users'), changes: changeRecords(t.engine).length }
    // A fault after the user row and its change record are written: the audit entry is
    // refused (a trigger stands for the disk refusing it; the product's code is unchanged).
    t.engine.sql.raw.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_activities BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
    const failed = err(t.engine.invoke('users.create', validUser({ email: 'half.written@example.org' })))
    expect(failed.code).toBe('internal')
    expect(failed.message).toMatch(/nothing was saved/)
    expect(count(t.engine, 'users')).toBe(before.users)
    expect(count(t.engine, 'users', 'email = ?', 'half.written@example.org')).toBe(0)
    expect(changeRecords(t.engine)).toHaveLength(before.changes)
    t.engine.sql.raw.exec('DROP TRIGGER refuse_audit')
    // The same call goes through once nothing refuses it: one row, one change record.
    ok(t.engine.invoke('users.create', validUser({ email: 'half.written@example.org' })))
    expect(count(t.engine, 'users', 'email = ?', 'half.written@example.org')).toBe(1)
    expect(changeRecords(t.engine)).toHaveLength(before.changes + 1)
  })
})

describe('a job', () => {
  beforeEach(async () => {
    t = await openTestEngine()
  })

  it('import.commit is declared a job that writes, and is refused by the synchronous invoke', () => {
    const declared = operationsByName.get('import.commit')
    expect(declared).toMatchObject({ kind: 'job', writes: true })
    expect(operationsByName.get('import.dryRun')).toMatchObject({ kind: 'job', writes: false })
    const refused = err(t.engine.invoke('import.commit', { contentBase64: b64(csv(2)) }))
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/is a job/)
    expect(count(t.engine, 'users', "email LIKE 'kind%'")).toBe(0)
  })

  it('reports progress and, cancelled midway, stops after the batch being written with what it saved kept whole', async () => {
    const events = jobEvents('cancel-me')
    // Job events are at most one per 50 ms within a phase (a fast machine writes all 200 rows
    // in less), so the cancel is sent from where the job is: import.progress read every turn
    // of the event loop, as the job lets other calls in between its batches.
    let cancelAnswer: unknown = null
    const watch = () => {
      const where = t.engine.invoke('import.progress', { jobId: 'cancel-me' })
      if (where.ok && (where.value as { phase: string }).phase === 'writing' && (where.value as { done: number }).done >= 40) {
        cancelAnswer = ok(t.engine.invoke('app.cancelJob', { jobId: 'cancel-me' }))
        return
      }
      if (!where.ok || !['done', 'cancelled', 'failed'].includes((where.value as { phase: string }).phase)) setImmediate(watch)
    }
    const running = commit(csv(200), { batchSize: 20, jobId: 'cancel-me' })
    setImmediate(watch)
    const answer = await running
    expect(cancelAnswer).toEqual({ cancelled: true, operation: 'import.commit' })
    expect(answer.cancelled).toBe(true)
    expect(answer.jobId).toBe('cancel-me')
    // Whole batches only: the cancel arrived at 40 written, between two batches.
    expect(answer.created).toBeGreaterThanOrEqual(40)
    expect(answer.created).toBeLessThan(200)
    expect(answer.created % 20).toBe(0)
    // What it says it saved is what the database holds, users and queued uploads alike.
    expect(count(t.engine, 'users', "email LIKE 'kind%'")).toBe(answer.created)
    const queued = changeRecords(t.engine).filter((c) => c.operation === 'users.bulkUpload')
    expect(queued.flatMap((c) => c.input.userList.map((u: { email: string }) => u.email)).sort()).toEqual(
      rows<{ email: string }>(t.engine, "SELECT email FROM users WHERE email LIKE 'kind%'").map((r) => r.email).sort(),
    )
    expect(ok(t.engine.invoke('import.batches', {}))[0]).toMatchObject({ id: answer.batchId, state: 'cancelled', created: answer.created })
    // Progress: reading, checking, writing in that order, then how it ended.
    const phases = [...new Set(events.map((e) => e.phase))]
    expect(phases).toEqual(['reading', 'checking', 'writing', 'cancelled'])
    expect(events.every((e) => e.operation === 'import.commit')).toBe(true)
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', done: answer.created, total: 200 })
    expect(ok(t.engine.invoke('import.progress', { jobId: 'cancel-me' }))).toMatchObject({ phase: 'cancelled', done: answer.created })
    // Ended: a second cancel finds nothing to stop.
    expect(ok(t.engine.invoke('app.cancelJob', { jobId: 'cancel-me' }))).toEqual({ cancelled: false, operation: 'import.commit' })
    // What it saved is undone whole.
    expect(ok(t.engine.invoke('import.undo', { batchId: answer.batchId })).removed).toBe(answer.created)
  })

  it('a check (import.dryRun) cancelled midway answers that it was cancelled and wrote nothing', async () => {
    const big = csv(30_000, 'check')
    jobEvents('check-me', (event) => {
      if (event.phase === 'checking' && event.done > 0) t.engine.invoke('app.cancelJob', { jobId: 'check-me' })
    })
    const answer = err(await t.engine.invokeAsync('import.dryRun', { contentBase64: b64(big), jobId: 'check-me' }))
    expect(answer).toMatchObject({ code: 'cancelled', status: 499, reason: { key: 'reason.job_cancelled' } })
    expect(count(t.engine, 'import_batches')).toBe(0)
  })

  it('a job id names one running job at a time, and the first phase is known before any report', async () => {
    const first = commit(csv(60), { batchSize: 10, jobId: 'twice' })
    expect(ok(t.engine.invoke('import.progress', { jobId: 'twice' }))).toEqual({ jobId: 'twice', phase: 'reading', done: 0, total: 0 })
    const again = err(await t.engine.invokeAsync('certificates.download', { ids: [1], jobId: 'twice' }))
    expect(again).toMatchObject({ code: 'conflict', status: 409, reason: { key: 'reason.job_running', values: { id: 'twice' } } })
    expect((await first).created).toBe(60)
    expect(ok(t.engine.invoke('app.cancelJob', { jobId: 'nobody' }))).toEqual({ cancelled: false, operation: null })
  })

  it('runs after the writes that arrived with it are committed, outside their transaction', async () => {
    const [write, job] = t.engine.invokeGroup([
      { name: 'users.create', input: validUser({ email: 'grouped@example.org' }) },
      { name: 'import.commit', input: { contentBase64: b64(csv(5, 'grouped')), batchSize: 2 } },
    ])
    expect(ok(await write).id).toBeGreaterThan(0)
    expect(ok(await job).created).toBe(5)
    expect(count(t.engine, 'users', "email LIKE 'grouped%'")).toBe(6)
  })
})

describe('a certificate batch', () => {
  beforeEach(async () => {
    t = await openTestEngine({ demo: true })
  })

  it('reports its pages and, cancelled midway, answers so and changes nothing', async () => {
    const ids = rows<{ id: number }>(t.engine, 'SELECT id FROM user_certificates ORDER BY id').map((r) => r.id)
    expect(ids.length).toBeGreaterThanOrEqual(4)
    const before = { certificates: count(t.engine, 'user_certificates'), changes: changeRecords(t.engine).length }
    const events = jobEvents('pdf-batch', (event) => {
      // The first event of a phase is always sent (later ones at most every 50 ms): cancelled there, it stops at the next page.
      if (event.phase === 'rendering') t.engine.invoke('app.cancelJob', { jobId: 'pdf-batch' })
    })
    const answer = err(await t.engine.invokeAsync('certificates.download', { ids, jobId: 'pdf-batch' }))
    expect(answer).toMatchObject({ code: 'cancelled', status: 499 })
    const rendered = events.filter((e) => e.phase === 'rendering')
    expect(rendered.at(-1)?.done).toBeLessThan(ids.length)
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', operation: 'certificates.download', total: ids.length })
    expect(count(t.engine, 'user_certificates')).toBe(before.certificates)
    expect(changeRecords(t.engine)).toHaveLength(before.changes)
    // Not cancelled, the same batch is one PDF with a page each.
    const whole = ok<{ bytes: Uint8Array }>(await t.engine.invokeAsync('certificates.download', { ids, jobId: 'pdf-whole' }))
    expect(Buffer.from(whole.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  })
})
