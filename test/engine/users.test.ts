// Users through the operation registry on a real temporary SQLite file: create, read,
// update, delete, refusals, 422 field errors, change records and audit entries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/main/engine/password'
import { changeRecords, count, err, openTestEngine, rows, uniqueEmail, validCourse, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine()
})
afterEach(() => t.dispose())

function createUser(overrides: Record<string, unknown> = {}): number {
  return t.call('users.create', validUser(overrides)).id
}

function createCourse(overrides: Record<string, unknown> = {}): number {
  return t.call('courses.create', validCourse(overrides)).id
}

describe('users.create', () => {
  it('stores the user, answers the documented shape and reads back through users.get', () => {
    const email = uniqueEmail('grace')
    const created = t.call('users.create', validUser({ firstName: 'Grace', lastName: 'Hopper', email }))
    expect(created).toEqual({ id: expect.any(Number), message: 'User created successfully' })

    const user = t.call('users.get', { id: created.id })
    expect(user).toMatchObject({
      id: created.id,
      firstName: 'Grace',
      lastName: 'Hopper',
      email,
      lastLoggedIn: 'Never',
      disabled: false,
      userType: 'general',
      customUserMetas: [],
    })
    expect(user.avatar).toMatch(/^<svg .*>GH<\/text><\/svg>$/)
  })

  it('writes one pending change record with the data, in the documented request shape', () => {
    t.clock.set('2024-06-02T08:30:00.000Z')
    const email = uniqueEmail()
    const { id } = t.call('users.create', validUser({ email, firstName: 'Alan', lastName: 'Turing' }))
    const records = changeRecords(t.engine)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      operation: 'users.create',
      entity: 'user',
      local_id: id,
      state: 'pending',
      created_at: '2024-06-02T08:30:00.000Z',
    })
    expect(records[0].input).toMatchObject({ firstName: 'Alan', lastName: 'Turing', email })
    expect(t.call('app.status', {}).pendingChanges).toBe(1)
  })

  it('hashes the password with scrypt and keeps the clear text out of every table, the sync queue included', () => {
    const password = 'Sup3r-secret-pass!'
    const { id } = t.call('users.create', validUser({ password, password_confirmation: password }))
    const [{ password_hash }] = rows<{ password_hash: string }>(t.engine, 'SELECT password_hash FROM users WHERE id = ?', id)
    expect(password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(password_hash).not.toContain(password)
    expect(verifyPassword(password, password_hash)).toBe(true)
    expect(verifyPassword('wrong password', password_hash)).toBe(false)

    // Every text cell of every table, the sync queue too: the hosted API needs the password
    // to create the account, so users.create queues it, encrypted (test/security/secrets-at-rest.test.ts).
    const tables = rows<{ name: string }>(t.engine, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name)
    expect(tables).toContain('change_records')
    for (const table of tables) {
      const dump = JSON.stringify(rows(t.engine, `SELECT * FROM "${table}"`))
      expect(dump, `table ${table}`).not.toContain(password)
    }

    // The queue keeps it sealed for sync; app.changes, which the UI shows, never shows it.
    expect(changeRecords(t.engine)[0].input.password).toMatch(/^lms-sealed:v1:/)
    const shown = t.call('app.changes', {})
    expect(shown).toHaveLength(1)
    expect(JSON.stringify(shown)).not.toContain(password)
    expect((shown[0].input as Record<string, unknown>).password).not.toBe(password)
    expect((shown[0].input as Record<string, unknown>).password_confirmation).not.toBe(password)
  })

  it('records a Created audit activity', () => {
    const { id } = t.call('users.create', validUser())
    const audit = rows(t.engine, "SELECT * FROM audit_activities WHERE effect_on = 'User' AND subject_id = ?", id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'Created', subject: 'User', created_at: '2024-05-01T10:00:00.000Z' })
  })

  it('refuses an email already taken, without regard to case, and writes nothing', () => {
    t.call('users.create', validUser({ email: 'Mixed.Case@Example.org' }))
    const before = { users: count(t.engine, 'users'), changes: count(t.engine, 'change_records'), audit: count(t.engine, 'audit_activities') }
    const e = t.fails('users.create', validUser({ email: 'mixed.case@EXAMPLE.ORG' }))
    expect(e).toMatchObject({ code: 'validation', status: 422, fields: { email: ['The email has already been taken.'] } })
    expect(count(t.engine, 'users')).toBe(before.users)
    expect(count(t.engine, 'change_records')).toBe(before.changes)
    expect(count(t.engine, 'audit_activities')).toBe(before.audit)
  })

  it('refuses a password confirmation that does not match, on the password field', () => {
    const e = t.fails('users.create', validUser({ password: 'first-password', password_confirmation: 'other-password' }))
    expect(e.status).toBe(422)
    expect(e.fields?.password).toContain('The password confirmation does not match.')
    expect(count(t.engine, 'users')).toBe(0)
  })

  it('answers 422 with a field per problem in the Laravel shape', () => {
    const e = err(t.raw('users.create', { firstName: '   ', email: 'not-an-email', password: 'short' }))
    expect(e.code).toBe('validation')
    expect(e.status).toBe(422)
    expect(e.fields).toMatchObject({
      firstName: ['The first name field is required.'],
      email: ['The email must be a valid email address.'],
      password: ['The password must be at least 8 characters.'],
      password_confirmation: [expect.stringContaining('required')],
    })
    expect(e.message).toMatch(/^The first name field is required\. \(and \d+ more errors\)$/)
    expect(count(t.engine, 'change_records')).toBe(0)
  })

  it('answers 422 (never a crash) for inputs that are not objects', () => {
    for (const input of [null, 'text', 42, [], [validUser()]]) {
      const e = err(t.raw('users.create', input))
      expect(e.status, JSON.stringify(input)).toBe(422)
    }
    expect(count(t.engine, 'users')).toBe(0)
  })
})

describe('users.get and unknown ids', () => {
  it('answers 404 with a message for an unknown id and 422 for a malformed one', () => {
    expect(t.fails('users.get', { id: 999 })).toEqual({
      code: 'not_found',
      status: 404,
      message: 'User 999 not found.',
      reason: { key: 'reason.user_not_found', values: { id: '999' } },
    })
    expect(t.fails('users.update', { id: 999, firstName: 'X', email: uniqueEmail() }).status).toBe(404)
    expect(t.fails('users.updatePassword', { id: 999, password: 'long enough pw' }).status).toBe(404)
    for (const id of ['abc', -1, 0, 1.5, '1 OR 1=1', 1e30]) {
      const e = t.fails('users.get', { id })
      expect(e.status, String(id)).toBe(422)
      expect(Object.keys(e.fields ?? {})).toEqual(['id'])
    }
  })

  it('answers 404 for an operation that does not exist', () => {
    // A name no declaration has: only the untyped engine call can send it.
    expect(err(t.engine.invoke('users.drop', {}))).toMatchObject({ code: 'not_found', status: 404 })
  })
})

describe('users.update', () => {
  it('updates the row, writes a change record with absolute values and an Updated audit', () => {
    const id = createUser({ firstName: 'Old', lastName: 'Name' })
    t.clock.set('2024-05-02T09:00:00.000Z')
    const email = uniqueEmail('renamed')
    expect(t.call('users.update', { id, firstName: 'New', lastName: 'Name', email, disabled: true })).toEqual({
      message: 'User updated successfully',
    })
    expect(t.call('users.get', { id })).toMatchObject({ firstName: 'New', lastName: 'Name', email, disabled: true })

    const records = changeRecords(t.engine).filter((r) => r.operation === 'users.update')
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ entity: 'user', local_id: id, state: 'pending', created_at: '2024-05-02T09:00:00.000Z' })
    expect(records[0].input).toEqual({ id, firstName: 'New', lastName: 'Name', email, disabled: true, customUserMetas: [] })

    const audit = rows(t.engine, "SELECT action, details FROM audit_activities WHERE subject_id = ? AND action = 'Updated'", id)
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].details)).toEqual(expect.arrayContaining(['first_name', 'email', 'disabled']))
  })

  it('writes no change record, no audit and no timestamp for an update with identical values', () => {
    const email = uniqueEmail()
    const id = createUser({ firstName: 'Same', lastName: 'Person', email })
    const before = rows(t.engine, 'SELECT * FROM users WHERE id = ?', id)[0]
    const changesBefore = count(t.engine, 'change_records')
    const auditBefore = count(t.engine, 'audit_activities')
    t.clock.advance(60_000)
    t.call('users.update', { id, firstName: 'Same', lastName: 'Person', email, disabled: false, customUserMetas: [] })
    // Surrounding whitespace is trimmed by validation, so this is the same value too.
    t.call('users.update', { id, firstName: '  Same ', lastName: 'Person', email: ` ${email} ` })
    expect(count(t.engine, 'change_records')).toBe(changesBefore)
    expect(count(t.engine, 'audit_activities')).toBe(auditBefore)
    expect(rows(t.engine, 'SELECT * FROM users WHERE id = ?', id)[0]).toEqual(before)
  })

  it("refuses another user's email in any case, and allows changing the case of one's own", () => {
    createUser({ email: 'taken@example.org' })
    const id = createUser({ email: 'mine@example.org' })
    const e = t.fails('users.update', { id, firstName: 'Ada', email: 'TAKEN@example.org' })
    expect(e).toMatchObject({ status: 422, fields: { email: ['The email has already been taken.'] } })
    t.call('users.update', { id, firstName: 'Ada', lastName: 'Lovelace', email: 'Mine@Example.org' })
    expect(t.call('users.get', { id }).email).toBe('Mine@Example.org')
  })

  it('answers 422 for a bad disabled value and an invalid email', () => {
    const id = createUser()
    const e = err(t.raw('users.update', { id, firstName: 'Ada', email: 'nope', disabled: 'maybe' }))
    expect(e.status).toBe(422)
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['disabled', 'email'])
  })
})

describe('users.updatePassword', () => {
  it('replaces the hash, audits and queues the change', () => {
    const id = createUser({ password: 'first password', password_confirmation: 'first password' })
    const oldHash = rows(t.engine, 'SELECT password_hash FROM users WHERE id = ?', id)[0].password_hash
    t.call('users.updatePassword', { id, password: 'second password', confirmPassword: 'whatever' })
    const newHash = rows(t.engine, 'SELECT password_hash FROM users WHERE id = ?', id)[0].password_hash
    expect(newHash).not.toBe(oldHash)
    expect(verifyPassword('second password', newHash)).toBe(true)
    expect(verifyPassword('first password', newHash)).toBe(false)
    const record = changeRecords(t.engine).find((r) => r.operation === 'users.updatePassword')
    expect(record).toMatchObject({ entity: 'user', local_id: id, state: 'pending' })
    expect(JSON.stringify(t.call('app.changes', {}))).not.toContain('second password')
  })

  it('refuses a short password', () => {
    const id = createUser()
    expect(t.fails('users.updatePassword', { id, password: 'short' }).fields).toEqual({
      password: ['The password must be at least 8 characters.'],
    })
  })
})

describe('users.delete', () => {
  it('deletes users without enrollments, refuses those with, and says so in the documented words', () => {
    const free = createUser()
    const enrolled = createUser()
    const courseId = createCourse()
    t.call('courses.enroll', { id: courseId, studentIds: [enrolled] })
    // As after a sync: a user whose create was never sent would just be taken out of the queue (test/engine/pending.test.ts).
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1").run()
    const changesBefore = count(t.engine, 'change_records')

    const result = t.call('users.delete', { delete_ids: [free, enrolled] })
    expect(result).toEqual({
      message:
        '1 user(s) deleted successfully. 1 student(s) not deleted as they has enrollments. Please remove the student(s) from the course and try again.',
      deleted: [free],
      notDeleted: [enrolled],
    })
    expect(count(t.engine, 'users', 'id = ?', free)).toBe(0)
    expect(count(t.engine, 'users', 'id = ?', enrolled)).toBe(1)
    expect(t.fails('users.get', { id: free }).status).toBe(404)

    const records = changeRecords(t.engine).slice(changesBefore)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ operation: 'users.delete', entity: 'user', local_id: free, input: { delete_ids: [free] } })
    const audit = rows(t.engine, "SELECT subject_id FROM audit_activities WHERE action = 'Deleted' AND effect_on = 'User'")
    expect(audit).toEqual([{ subject_id: free }])
  })

  it('writes nothing when every user has enrollments', () => {
    const enrolled = createUser()
    t.call('courses.enroll', { id: createCourse(), studentIds: [enrolled] })
    const changesBefore = count(t.engine, 'change_records')
    const result = t.call('users.delete', { delete_ids: [enrolled] })
    expect(result.deleted).toEqual([])
    expect(result.message).toBe(
      '1 student(s) not deleted as they has enrollments. Please remove the student(s) from the course and try again.',
    )
    expect(count(t.engine, 'change_records')).toBe(changesBefore)
  })

  it('answers 422 naming unknown ids and deletes none of the list', () => {
    const id = createUser()
    const e = t.fails('users.delete', { delete_ids: [id, 424242] })
    expect(e).toMatchObject({ status: 422, fields: { delete_ids: ['The selected delete ids are invalid: 424242.'] } })
    expect(count(t.engine, 'users', 'id = ?', id)).toBe(1)
    expect(t.fails('users.delete', { delete_ids: [] }).fields).toEqual({ delete_ids: ['The delete ids field is required.'] })
  })
})

describe('users.quickEdit', () => {
  it('disables users, queues one change per changed user, and none when the state is already the asked one', () => {
    const a = createUser()
    const b = createUser()
    const before = count(t.engine, 'change_records')
    t.call('users.quickEdit', { user_ids: [a, b], disabled: true })
    const records = changeRecords(t.engine).slice(before)
    expect(records.map((r) => [r.operation, r.local_id, r.input])).toEqual([
      ['users.quickEdit', a, { user_ids: [a], disabled: true }],
      ['users.quickEdit', b, { user_ids: [b], disabled: true }],
    ])
    expect(t.call('users.get', { id: a }).disabled).toBe(true)

    const afterFirst = count(t.engine, 'change_records')
    const auditAfterFirst = count(t.engine, 'audit_activities')
    t.call('users.quickEdit', { user_ids: [a, b], disabled: 'true' })
    expect(count(t.engine, 'change_records')).toBe(afterFirst)
    expect(count(t.engine, 'audit_activities')).toBe(auditAfterFirst)
  })

  it('enrolls the users into the courses, once', () => {
    const a = createUser()
    const b = createUser()
    const course = createCourse()
    t.call('users.quickEdit', { user_ids: [a, b], disabled: false, course_ids: [course] })
    expect(count(t.engine, 'enrollments', 'course_id = ?', course)).toBe(2)
    const enrollRecords = changeRecords(t.engine).filter((r) => r.operation === 'courses.enroll')
    expect(enrollRecords.map((r) => r.input)).toEqual([
      { id: course, studentIds: [a] },
      { id: course, studentIds: [b] },
    ])
    const before = count(t.engine, 'change_records')
    t.call('users.quickEdit', { user_ids: [a, b], disabled: false, course_ids: [course] })
    expect(count(t.engine, 'enrollments', 'course_id = ?', course)).toBe(2)
    expect(count(t.engine, 'change_records')).toBe(before)
  })

  it('answers 422 for unknown users and 404 for an unknown course, and rolls back', () => {
    const a = createUser()
    expect(t.fails('users.quickEdit', { user_ids: [a, 9999], disabled: true }).fields).toEqual({
      user_ids: ['The selected user ids are invalid: 9999.'],
    })
    const before = count(t.engine, 'change_records')
    expect(t.fails('users.quickEdit', { user_ids: [a], disabled: true, course_ids: [777] }).status).toBe(404)
    // The disable ran before the course was found missing: the transaction undid it.
    expect(t.call('users.get', { id: a }).disabled).toBe(false)
    expect(count(t.engine, 'change_records')).toBe(before)
  })
})
