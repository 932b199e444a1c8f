// The CSV import through the registry, on a real engine and SQLite file: hostile files,
// each with its expected outcome, then commit, sync records, undo and cancel.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLmsEngine } from '../../src/main/host/open-engine'
import { errorsToCsv } from '../../src/shared/operations/import'
import { changeRecords, clientOf, count, ok, openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { b64, importCalls } from './import-helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const { dry, commit, dryFails, commitFails } = importCalls(() => t.async)


describe('hostile files in the dry run', () => {
  it('reads quoted commas, embedded newlines, escaped quotes and CRLF', async () => {
    const csv = 'email,first_name,last_name\r\n"comma.person@example.org","Smith, Jr.","O""Brien"\r\nnewline.person@example.org,"Two\r\nLines",Doe\r\n'
    const r = await dry(csv)
    expect(r).toMatchObject({ rows: 2, valid: 2, errors: [], create: 2, delimiter: ',', encoding: 'utf-8' })
    expect(r.preview[0]).toMatchObject({ first_name: 'Smith, Jr.', last_name: 'O"Brien', row: 2 })
    expect(r.preview[1]).toMatchObject({ first_name: 'Two\r\nLines', row: 3 })
  })

  it('drops a UTF-8 BOM and keeps Zoë, José, 王芳 and Ł', async () => {
    const csv = '\ufeffEmail,First Name,Last Name\nzoe@example.org,Zoë,Ł\njose@example.org,José,王芳\n'
    const r = await dry(csv)
    expect(r.columns.map((c: any) => c.field)).toEqual(['email', 'first_name', 'last_name'])
    expect(r.preview.map((p: any) => [p.first_name, p.last_name])).toEqual([['Zoë', 'Ł'], ['José', '王芳']])
  })

  it('decodes Windows-1252 when the bytes are not UTF-8', async () => {
    // "José" and "Zoë" as Excel on Windows saves them: é = 0xE9, ë = 0xEB.
    const bytes = Buffer.concat([Buffer.from('email,first_name\njose@example.org,Jos'), Buffer.from([0xe9]), Buffer.from('\nzoe@example.org,Zo'), Buffer.from([0xeb]), Buffer.from('\n')])
    const r = await dry(bytes)
    expect(r.encoding).toBe('windows-1252')
    expect(r.preview.map((p: any) => p.first_name)).toEqual(['José', 'Zoë'])
  })

  it('detects semicolon and tab delimiters, and takes an override', async () => {
    const semi = await dry('email;first_name;last_name\na@example.org;Ann;Lee\nb@example.org;"Bo; B";Lee\n')
    expect(semi).toMatchObject({ delimiter: ';', rows: 2, valid: 2 })
    expect(semi.preview[1].first_name).toBe('Bo; B')
    const tab = await dry('email\tfirst_name\na@example.org\tAnn, the first\n')
    expect(tab).toMatchObject({ delimiter: '\t', valid: 1 })
    expect(tab.preview[0].first_name).toBe('Ann, the first')
    // Forced to comma, the tab file has one unknown column and no email column.
    const forced = await dryFails('email\tfirst_name\na@example.org\tAnn\n', { delimiter: ',' })
    expect(forced.message).toMatch(/no email column/)
  })

  it('skips blank lines but numbers rows as a spreadsheet shows them', async () => {
    const r = await dry('email,first_name\n\na@example.org,Ann\n,\n\nnot-an-email,Bob\n')
    expect(r.rows).toBe(2)
    expect(r.errors).toEqual([{ row: 6, column: 'email', value: 'not-an-email', message: 'The email must be a valid email address.', reason: { key: 'reason.import.email_invalid' } }])
  })

  it('accepts a trailing delimiter on every line', async () => {
    const r = await dry('email,first_name,last_name,\na@example.org,Ann,Lee,\n')
    expect(r).toMatchObject({ rows: 1, valid: 1, errors: [] })
    expect(r.columns).toHaveLength(4)
    expect(r.columns[3]).toMatchObject({ header: '', field: 'ignore' })
  })

  it('reports a quote that is never closed instead of importing the swallowed rows', async () => {
    const r = await dry('email,first_name\na@example.org,Ann\nb@example.org,"Bob\nc@example.org,Cy\n')
    expect(r.rows).toBe(2)
    expect(r.valid).toBe(1)
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, column: '(file)', message: expect.stringMatching(/quoted value is not closed/) })])
  })

  it('refuses duplicate headers of one field, naming both columns', async () => {
    const e = await dryFails('email,first_name,E-mail\na@example.org,Ann,b@example.org\n')
    expect(e.status).toBe(422)
    expect(e.message).toMatch(/"email", "E-mail" \(columns 1, 3\)/)
  })

  it('stops without an email column, naming the headers it found', async () => {
    const e = await dryFails('name,surname\nAnn,Lee\n')
    expect(e.status).toBe(422)
    expect(e.message).toMatch(/no email column.*"name", "surname"/)
  })

  it('refuses an empty file, a binary file and an oversized file with clear messages', async () => {
    expect((await dryFails('')).message).toMatch(/empty/)
    expect((await dryFails('\ufeff\r\n\r\n')).message).toMatch(/empty/)
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    expect((await dryFails(png)).message).toMatch(/not a CSV text file/)
    const big = path.join(t.dir, 'big.csv')
    fs.writeFileSync(big, 'email\n')
    fs.truncateSync(big, 51 * 1024 * 1024)
    const e = await t.async.fails('import.dryRun', { path: big })
    expect(e.status).toBe(422)
    expect(e.message).toMatch(/51\.0 MB; files up to 50 MB/)
  })

  it('checks every row: required fields, email syntax, duplicates without case, passwords, unknown courses', async () => {
    const csv = [
      'email,first_name,password,courses',
      'ok@example.org,Ok,,1',
      ',NoEmail,,',
      'bad@,BadEmail,,',
      'OK@Example.org,Dup,,',
      'short@example.org,Short,abc,',
      'nofirst@example.org,,,',
      'nocourse@example.org,Nc,,99999',
      'student@demo.aomlms.com,Existing,,',
    ].join('\n')
    const r = await dry(csv)
    expect(r.rows).toBe(8)
    expect(r.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'email'],
      [4, 'email'],
      [5, 'email'],
      [6, 'password'],
      [7, 'first_name'],
      [8, 'courses'],
    ])
    expect(r.errors[2].message).toMatch(/same email is on row 2/)
    expect(r.errors[3].value).toBe('(hidden)')
    expect(r).toMatchObject({ valid: 2, create: 1, skip: 1, update: 0 })
    expect(r.skipped[0]).toMatchObject({ row: 9, email: 'student@demo.aomlms.com' })
    const upd = await dry(csv, { mode: 'add_update' })
    expect(upd).toMatchObject({ create: 1, update: 1, skip: 0 })
    const only = await dry(csv, { mode: 'update_only' })
    // ok@ and nofirst@ name nobody: skipped, and a missing first name is no error for a row that is skipped.
    expect(only).toMatchObject({ create: 0, update: 1, skip: 2 })
  })

  it('refuses unknown enrollment options before reading rows', async () => {
    const e = await dryFails('email,first_name\na@example.org,A\n', { selectedCourses: [1, 987654] })
    expect(e.fields).toEqual({ selectedCourses: ['These courses do not exist: 987654.'] })
  })

  it('offers unknown columns and keeps them as custom fields only when chosen', async () => {
    const csv = 'email,first_name,Department\na@example.org,Ann,Sales\n'
    const r = await dry(csv)
    expect(r.columns[2]).toMatchObject({ header: 'Department', field: 'ignore', unknown: true })
    expect(r.preview[0].custom).toEqual([])
    const chosen = await dry(csv, { columns: { Department: 'custom' } })
    expect(chosen.preview[0].custom).toEqual(['Department: Sales'])
  })
})

describe('the error CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = errorsToCsv([
      { row: 2, column: 'email', value: '=HYPERLINK("http://x","y")', message: 'bad' },
      { row: 3, column: 'first_name', value: '+1+1', message: '-2' },
      { row: 4, column: '@SUM(A1)', value: '\tcmd', message: '\r=1' },
      { row: 5, column: 'email', value: 'plain, with comma', message: 'ok' },
    ])
    const lines = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(lines[0]).toBe('row,column,value,message')
    expect(lines[1]).toBe(`2,email,"'=HYPERLINK(""http://x"",""y"")",bad`)
    expect(lines[2]).toBe("3,first_name,'+1+1,'-2")
    // After a line break too, since a reader that splits lines first would see "=1" start one.
    expect(lines[3]).toBe(`4,'@SUM(A1),"'\tcmd","'\r'=1"`)
    expect(lines[4]).toBe('5,email,"plain, with comma",ok')
  })

  it('is served by import.errorCsv from a dry run\'s errors', async () => {
    const r = await dry('email,first_name\n=cmd|calc,Eve\n')
    const out = await t.async.call('import.errorCsv', { errors: r.errors })
    expect(out.csv).toContain("'=cmd|calc")
    expect(out.csv).not.toMatch(/[,\n]=cmd/)
  })
})

describe('commit and undo', () => {
  const file = (n: number, prefix = 'imp') =>
    ['email,first_name,last_name,password', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org,First${i},Last${i},${i % 2 ? 'longenough' + i : ''}`)].join('\n')

  it('writes users in batches, queues one bulk upload per chunk, enrolls and records the batch', async () => {
    const before = count(t.engine, 'users')
    const r = await commit(file(12) + '\nbroken,X,,\n', { batchSize: 5, selectedCourses: [1] })
    expect(r).toMatchObject({ created: 12, updated: 0, skipped: 0, failed: 1, cancelled: false })
    expect(count(t.engine, 'users')).toBe(before + 12)
    const users = rows(t.engine, "SELECT id, password_hash FROM users WHERE email LIKE 'imp%' ORDER BY id")
    expect(users.filter((u) => u.password_hash === null)).toHaveLength(6)
    expect(users.filter((u) => String(u.password_hash).startsWith('scrypt$16384$8$1$'))).toHaveLength(6)
    const uploads = changeRecords(t.engine).filter((c) => c.operation === 'users.bulkUpload')
    expect(uploads.map((c) => c.input.userList.length)).toEqual([5, 5, 2])
    expect(uploads[0].entity).toBe('import_chunk')
    expect(uploads[0].input.userList[0]).toEqual({ email: 'imp0@example.org', first_name: 'First0', last_name: 'Last0', password: '' })
    expect(changeRecords(t.engine).filter((c) => c.operation === 'users.create')).toHaveLength(0)
    expect(count(t.engine, 'enrollments', 'course_id = 1 AND user_id IN (SELECT id FROM users WHERE email LIKE ?)', 'imp%')).toBe(12)
    const changes = t.call('app.changes', {})
    expect(JSON.stringify(changes)).not.toContain('longenough')
    const batches = t.call('import.batches', {})
    expect(batches[0]).toMatchObject({ id: r.batchId, state: 'done', created: 12, failed: 1 })
  })

  it('updates existing users in add_update mode and undo restores them', async () => {
    await commit(file(3))
    const second = await commit('email,first_name\nimp0@example.org,Renamed\nnew@example.org,New\n', { mode: 'add_update' })
    expect(second).toMatchObject({ created: 1, updated: 1 })
    expect(rows(t.engine, "SELECT first_name FROM users WHERE email = 'imp0@example.org'")[0].first_name).toBe('Renamed')
    t.clock.advance(1000)
    const undo = t.call('import.undo', { batchId: second.batchId })
    expect(undo).toMatchObject({ removed: 1, restored: 1, refused: [] })
    expect(rows(t.engine, "SELECT first_name FROM users WHERE email = 'imp0@example.org'")[0].first_name).toBe('First0')
    expect(count(t.engine, 'users', "email = 'new@example.org'")).toBe(0)
    expect(t.fails('import.undo', { batchId: second.batchId }).message).toMatch(/undone already/)
  })

  it('undo refuses users with activity since, and takes unsent users out of their queued upload', async () => {
    const r = await commit(file(3), { selectedCourses: [1] })
    t.clock.advance(60_000)
    t.engine.sql.raw.prepare("UPDATE users SET last_login_at = ? WHERE email = 'imp1@example.org'").run(t.clock().toISOString())
    const undo = t.call('import.undo', { batchId: r.batchId })
    expect(undo.removed).toBe(2)
    expect(undo.refused).toEqual([expect.objectContaining({ email: 'imp1@example.org', reason: 'Kept: signed in since the import.' })])
    const uploads = changeRecords(t.engine).filter((c) => c.operation === 'users.bulkUpload')
    expect(uploads).toHaveLength(1)
    expect(uploads[0].input.userList.map((u: any) => u.email)).toEqual(['imp1@example.org'])
    expect(changeRecords(t.engine).filter((c) => c.operation === 'users.delete')).toHaveLength(0)
    expect(count(t.engine, 'enrollments', "user_id IN (SELECT id FROM users WHERE email LIKE 'imp%')")).toBe(1)
    expect(t.call('import.batches', {})[0].state).toBe('done')
  })

  it('cancel stops between batches; what was written stays and can be undone', async () => {
    const events: any[] = []
    t.engine.onEvent((e) => {
      if (e.type === 'job') {
        events.push(e)
        if (e.phase === 'writing' && e.done >= 10) t.result('import.cancel', { jobId: 'job-1' })
      }
    })
    const r = await commit(file(40), { batchSize: 10, jobId: 'job-1' })
    expect(r.cancelled).toBe(true)
    expect(r.created).toBe(10)
    expect(events.some((e) => e.phase === 'writing')).toBe(true)
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', jobId: 'job-1' })
    expect(t.call('import.batches', {})[0].state).toBe('cancelled')
    expect(t.call('import.undo', { batchId: r.batchId }).removed).toBe(10)
  })

  it('registers users in classes, refuses signed-off or unknown classes per row, and undo takes the registrations out', async () => {
    const csv = 'email,first_name,classes\ncls1@example.org,A,2\ncls2@example.org,B,3\ncls3@example.org,C,424242\n'
    const dryRun = await dry(csv, { classIds: [1] })
    expect(dryRun.errors.map((e: any) => [e.row, e.column])).toEqual([[3, 'classes'], [4, 'classes']])
    expect(dryRun.errors[0].message).toMatch(/signed off/)
    expect(dryRun.errors[1].message).toBe('No class has id 424242.')
    const r = await commit(csv, { classIds: [1] })
    expect(r).toMatchObject({ created: 1, failed: 2 })
    const userId = rows(t.engine, "SELECT id FROM users WHERE email = 'cls1@example.org'")[0].id
    expect(rows(t.engine, 'SELECT class_id FROM class_enrollments WHERE user_id = ? ORDER BY class_id', userId).map((x) => x.class_id)).toEqual([1, 2])
    expect((await dryFails(csv, { classIds: [3] })).message).toMatch(/signed off/)
    t.clock.advance(1000)
    expect(t.call('import.undo', { batchId: r.batchId }).removed).toBe(1)
    expect(count(t.engine, 'class_enrollments', 'user_id = ?', userId)).toBe(0)
  })

  it('refuses a second import while one runs, and reports progress of the running one', async () => {
    const first = commit(file(30), { batchSize: 10, jobId: 'long-job' })
    const second = await commitFails(file(2, 'other'))
    expect(second.status).toBe(409)
    expect(second.message).toMatch(/running already/)
    expect(t.call('import.progress', { jobId: 'long-job' })).toMatchObject({ jobId: 'long-job' })
    expect((await first).created).toBe(30)
    expect(t.call('import.progress', { jobId: 'long-job' })).toMatchObject({ phase: 'done', done: 30, total: 30 })
    expect(t.call('import.cancel', { jobId: 'long-job' }).cancelled).toBe(false)
    expect((await commit(file(2, 'other'))).created).toBe(2)
  })

  it('an import cut short by the engine closing can be undone after a restart', async () => {
    t.engine.onEvent((e) => {
      if (e.type === 'job' && e.phase === 'writing' && e.done >= 10) t.engine.close()
    })
    const cut = await t.async.result('import.commit', { contentBase64: b64(file(50)), batchSize: 10 })
    expect(cut.ok).toBe(false)
    const reopened = await openLmsEngine({ dataDir: t.dir, clock: t.clock, log: () => undefined })
    try {
      const [batch] = clientOf(reopened).call('import.batches', {})
      expect(batch).toMatchObject({ state: 'interrupted', created: 10 })
      expect(count(reopened, 'users', "email LIKE 'imp%'")).toBe(10)
      expect(clientOf(reopened).call('import.undo', { batchId: batch.id }).removed).toBe(10)
      expect(count(reopened, 'users', "email LIKE 'imp%'")).toBe(0)
    } finally {
      reopened.close()
    }
  })

  it('user/bulkUpload creates users in one call and refuses the whole call for a bad user', async () => {
    const good = t.result('users.bulkUpload', {
      userList: [
        { email: 'bulk1@example.org', first_name: 'B1', last_name: 'L', password: 'Qwerty@123' },
        { email: 'bulk2@example.org', first_name: 'B2', last_name: 'L', password: '' },
      ],
      selectedCourses: [1],
      groupId: 1,
    })
    expect(ok(good)).toEqual({ message: 'User(s) uploaded successfully' })
    const upload = changeRecords(t.engine).filter((c) => c.operation === 'users.bulkUpload')
    expect(upload[0].input).toMatchObject({ groupId: 1, userList: [{ email: 'bulk1@example.org' }, { email: 'bulk2@example.org' }] })
    const bad = t.fails('users.bulkUpload', { userList: [{ email: 'bulk1@example.org', first_name: 'x' }, { email: 'nope', first_name: 'y' }] })
    expect(bad.status).toBe(422)
    expect(bad.fields).toEqual({ 'userList.0.email': ['The email has already been taken.'], 'userList.1.email': ['The email must be a valid email address.'] })
  })
})
