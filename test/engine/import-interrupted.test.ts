// Issue 16, finding 4: an import whose third batch fails. Its answer said "nothing was
// saved" although two batches were, import.batches showed it cancelled with 0 created, and
// with enrollments import.undo kept every user ("enrolled since the import"). Here the
// third batch fails for real, twice over: a trigger in the SQLite file refuses one of its
// rows (as a full disk would refuse the write), and another write takes one of its emails
// while the import runs (a race). The clock ticks a millisecond per reading, as a real one
// moves while an import writes (a frozen clock hid the undo refusal).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommitResult, ImportBatchRecord, UndoResult } from '../../src/shared/operations/import'
import { count, openTestEngine, rows, validUser, type OpenedTestEngine, type TestClock } from './helpers'
import { importCalls } from './import-helpers'
import { reasonText } from '../../src/main/engine/reasons'

const COURSE = 1
const ROWS = 50
const BATCH = 10

function tickingClock(): TestClock {
  let now = new Date('2024-05-01T10:00:00.000Z').getTime()
  const clock = (() => new Date(now++)) as TestClock
  clock.set = (iso) => void (now = new Date(iso).getTime())
  clock.advance = (ms) => void (now += ms)
  return clock
}

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true, clock: tickingClock() })
})
afterEach(() => t.dispose())
const { commit, commitFails } = importCalls(() => t.async)

const file = () => ['email,first_name,last_name', ...Array.from({ length: ROWS }, (_, i) => `cut${i}@example.org,Row${i},Cut`)].join('\n') + '\n'
/** Row 2 holds cut0: the third batch holds rows 22-31, cut20 to cut29. */
const THIRD_BATCH_EMAIL = 'cut25@example.org'
const importedUsers = () => count(t.engine, 'users', "email LIKE 'cut%@example.org'")
const importedEnrollments = () =>
  rows<{ n: number }>(t.engine, "SELECT COUNT(*) AS n FROM enrollments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'cut%@example.org' AND e.course_id = ?", COURSE)[0].n
const pendingChanges = () => count(t.engine, 'change_records', "state = 'pending'")

/** What an import stopped after `saved` rows (whole batches) must say and allow, whatever stopped it. */
async function expectTruthfulStop(message: string, pendingBefore: number, saved = 2 * BATCH): Promise<void> {
  expect(message).not.toMatch(/nothing was saved/i)
  expect(message).toContain(`stopped at rows ${saved + 2}-${saved + BATCH + 1}`)
  expect(message).toContain(`${saved} users created and 0 users updated`)
  expect(message).toContain(`${ROWS - saved} rows were not imported`)
  expect(importedUsers()).toBe(saved)
  expect(importedEnrollments()).toBe(saved)
  const [batch] = t.call('import.batches', { limit: 1 })
  expect(batch).toMatchObject({ state: 'interrupted', created: saved, updated: 0 })
  expect(message).toContain(`import ${batch.id}`)

  // Undo takes back what it wrote, its enrollments included, and what it queued for sync.
  const undo = t.call('import.undo', { batchId: batch.id })
  expect(undo.refused).toEqual([])
  expect(undo.removed).toBe(saved)
  expect(importedUsers()).toBe(0)
  expect(importedEnrollments()).toBe(0)
  expect(pendingChanges()).toBe(pendingBefore)
  expect(t.call('import.batches', { limit: 1 })[0].state).toBe('undone')
}

describe('an import stopped by a failing later batch', () => {
  it('a write the database refuses in batch 3: says what was saved, and undo takes all of it back', async () => {
    // Outside the product: a trigger makes SQLite refuse one row of the third batch.
    t.engine.sql.raw.exec(`CREATE TRIGGER refuse_third_batch BEFORE INSERT ON users WHEN NEW.email = '${THIRD_BATCH_EMAIL}' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`)
    const pendingBefore = pendingChanges()
    const answer = await commitFails(file(), { batchSize: BATCH, selectedCourses: [COURSE] })
    expect(answer.status).toBe(500)
    expect(answer.message).toMatch(/an unexpected error \(written to the log\)/)
    expect(t.logs.join('\n')).toMatch(/injected fault/)
    t.engine.sql.raw.exec('DROP TRIGGER refuse_third_batch')
    await expectTruthfulStop(answer.message, pendingBefore)
  })

  it('another write takes an email of the next batch while the import runs: a 409 that says what was saved', async () => {
    const pendingBefore = pendingChanges()
    let raced: string | null = null
    let saved = 0
    // Looks at the database on every turn of the event loop, as calls answered between two
    // batches do; once two batches are in, a user takes an email of the next one.
    const race = () => {
      saved = count(t.engine, 'import_batch_users')
      if (saved < 2 * BATCH) return void setImmediate(race)
      raced = `cut${saved + 5}@example.org`
      t.call('users.create', validUser({ email: raced.toUpperCase() }))
    }
    setImmediate(race)
    const answer = await commitFails(file(), { batchSize: BATCH, selectedCourses: [COURSE] })
    expect(raced).not.toBeNull()
    expect(answer.status).toBe(409)
    expect(answer.message).toMatch(/a user with one of its emails was created meanwhile/)
    // The same as a reason code with its figures, worded in the trainer's language from them.
    expect(answer.reason).toMatchObject({ key: 'reason.import.interrupted', values: { cause: 'race', saved: 'some', created: saved, updated: 0, remaining: ROWS - saved } })
    expect(reasonText('fr', answer.reason, answer.message)).toContain(`${saved} utilisateurs créés et 0 utilisateur mis à jour`)
    // The racing user is no part of the import: set it aside before counting the import's users.
    t.engine.sql.raw.prepare("UPDATE users SET email = 'racer@example.org', email_key = 'racer@example.org' WHERE email_key = ?").run(raced)
    await expectTruthfulStop(answer.message, pendingBefore + 1, saved)
  })

  it('a finished import with enrollments is undone whole (the stamp after the enrollments)', async () => {
    const pendingBefore = pendingChanges()
    const done = await commit(file(), { batchSize: BATCH, selectedCourses: [COURSE] })
    expect(done).toMatchObject({ created: ROWS, cancelled: false, errorCount: 0 })
    const undo = t.call('import.undo', { batchId: done.batchId })
    expect(undo).toMatchObject({ removed: ROWS, refused: [] })
    expect(pendingChanges()).toBe(pendingBefore)
  })
})
