// The import pipeline over HTTP on a real `serve --demo` (engine in its worker): the app
// operations tools outside the app call and the progress event stream. (An import pushed
// to the hosted LMS: test/sync/import.test.ts.)
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { err } from '../support/client'
import { httpClient } from '../support/http-client'
import { request, startServer, type RunningServer } from './server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ demo: true })
})
afterAll(async () => {
  await server?.stop()
})

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const lms = () => httpClient(server)
const users = (n: number, prefix: string) => ['Email;First Name;Last_Name', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org;F${i};L${i}`)].join('\r\n')

describe('POST /app/import.*', () => {
  it('dry run from base64 checks every row and writes nothing', async () => {
    const csv = users(5, 'http.dry.') + '\r\nbad-email;X;Y\r\n'
    const before = await request(server, 'GET', '/api/users/tabularlist?page_size=1&page_number=1')
    const answer = await lms().call('import.dryRun', { contentBase64: b64(csv), mode: 'add_new' })
    expect(answer).toMatchObject({ rows: 6, valid: 5, delimiter: ';', encoding: 'utf-8' })
    expect(answer.errors).toEqual([{ row: 7, column: 'Email', value: 'bad-email', message: 'The email must be a valid email address.', reason: { key: 'reason.import.email_invalid' } }])
    const after = await request(server, 'GET', '/api/users/tabularlist?page_size=1&page_number=1')
    expect(after.json.recordsTotal).toBe(before.json.recordsTotal)
  })

  it('commit of a file sent as content, users listed, then undo removes them; a path is refused over HTTP', async () => {
    const file = path.join(server.dataDir, 'upload.csv')
    fs.writeFileSync(file, users(30, 'http.commit.'))
    // Reading a file by path is the desktop app's alone (issue 16, finding 1).
    const byPath = await lms().fails('import.commit', { path: file, mode: 'add_new', selectedCourses: [1], batchSize: 10 })
    expect(byPath.status).toBe(403)
    expect(byPath.fields?.path[0]).toMatch(/only possible in the desktop app/)
    const answer = await lms().call('import.commit', { contentBase64: fs.readFileSync(file).toString('base64'), fileName: 'upload.csv', mode: 'add_new', selectedCourses: [1], batchSize: 10 })
    expect(answer).toMatchObject({ created: 30, updated: 0, skipped: 0, failed: 0, cancelled: false })
    const listed = await request(server, 'GET', `/api/users/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: 'http.commit.' }))}`)
    expect(listed.json.recordsFiltered).toBe(30)
    const undo = await lms().call('import.undo', { batchId: answer.batchId })
    expect(undo).toMatchObject({ removed: 30, restored: 0, refused: [] })
    const gone = await request(server, 'GET', `/api/users/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: 'http.commit.' }))}`)
    expect(gone.json.recordsFiltered).toBe(0)
  })

  it('streams progress events while a commit runs', async () => {
    const events: any[] = []
    const stream = await new Promise<http.IncomingMessage>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/app/events', headers: { Host: `127.0.0.1:${server.port}` } }, resolve)
    })
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/event: job\ndata: (.*)\n/g)) events.push(JSON.parse(m[1]))
    })
    const answer = await lms().call('import.commit', { contentBase64: b64(users(60, 'http.events.')), jobId: 'http-job', batchSize: 20 })
    expect(answer.created).toBe(60)
    await new Promise((r) => setTimeout(r, 200))
    stream.destroy()
    expect(events.filter((e) => e.jobId === 'http-job' && e.phase === 'writing').length).toBeGreaterThanOrEqual(1)
    expect(events.at(-1)).toMatchObject({ jobId: 'http-job', phase: 'done', done: 60, total: 60 })
    const progress = await lms().call('import.progress', { jobId: 'http-job' })
    expect(progress).toMatchObject({ phase: 'done', done: 60 })
  })

  it('a running import is cancelled by POST /app/app.cancelJob: it stops between batches and says what it saved', async () => {
    const stream = await new Promise<http.IncomingMessage>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/app/events', headers: { Host: `127.0.0.1:${server.port}` } }, resolve)
    })
    let cancel: Promise<{ cancelled: boolean; operation: string | null }> | null = null
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/event: job\ndata: (.*)\n/g)) {
        const event = JSON.parse(m[1])
        // The phase's first event is always sent (later ones at most every 50 ms): the cancel goes from there.
        if (event.jobId === 'http-cancel' && event.phase === 'writing' && !cancel) cancel = lms().call('app.cancelJob', { jobId: 'http-cancel' })
      }
    })
    const answer = await lms().call('import.commit', { contentBase64: b64(users(2000, 'http.cancel.')), jobId: 'http-cancel', batchSize: 20 })
    stream.destroy()
    expect(answer.cancelled).toBe(true)
    expect(answer.created).toBeLessThan(2000)
    expect(await cancel!).toEqual({ cancelled: true, operation: 'import.commit' })
    const listed = await request(server, 'GET', `/api/users/tabularlist?page_size=1&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: 'http.cancel.' }))}`)
    expect(listed.json.recordsFiltered).toBe(answer.created)
    expect(await lms().call('import.progress', { jobId: 'http-cancel' })).toMatchObject({ phase: 'cancelled', done: answer.created })
  })

  it('answers bad input with clear 4xx errors', async () => {
    const noEmail = await lms().fails('import.dryRun', { contentBase64: b64('name,surname\nA,B\n') })
    expect(noEmail.status).toBe(422)
    expect(noEmail.message).toMatch(/no email column/)
    const both = await lms().fails('import.dryRun', {})
    expect(both.status).toBe(422)
    expect(both.message).toMatch(/either a path or contentBase64/)
    const notBase64 = await lms().fails('import.dryRun', { contentBase64: '@@not base64@@' })
    expect(notBase64.status).toBe(422)
    expect(notBase64.message).toMatch(/not valid base64/)
    const mode = err(await lms().raw('import.commit', { contentBase64: b64('email\n'), mode: 'replace_all' }))
    expect(mode.status).toBe(422)
    const undo = await lms().fails('import.undo', { batchId: 999999 })
    expect(undo.status).toBe(404)
    const csv = await lms().call('import.errorCsv', { errors: [{ row: 2, column: 'email', value: '@evil', message: '=1+1' }] })
    expect(csv.csv).toContain("2,email,'@evil,'=1+1")
    const both2 = await lms().fails('import.errorCsv', { contentBase64: b64('email\n'), errors: [] })
    expect(both2.status).toBe(422)
    expect(both2.message).toMatch(/either the file or a list of errors/)
  })

  it('answers the rows with problems with their own columns, and the choices by name', async () => {
    const file = 'Email;Vorname;Kurse\r\nok.http@example.org;Ok;First Aid at Work\r\nbad;=cmd;Fire Safety\r\n'
    const answer = await lms().call('import.errorCsv', { contentBase64: b64(file), fileName: 'staff.csv' })
    expect(answer.fileName).toBe('staff-errors.csv')
    const lines = answer.csv.replace(/^\ufeff/, '').split('\r\n')
    expect(lines[0]).toBe('Import problems;Email;Vorname;Kurse')
    expect(lines[1]).toMatch(/^"Row 3, Email: The email must be a valid email address\. \| Kurse: No course has the name, slug or id ""Fire Safety""\.";bad;'=cmd;Fire Safety$/)
    expect(lines).toHaveLength(3)
    const choices = await lms().call('import.choices', {})
    expect(choices.groups.map((g: any) => g.name)).toEqual(['Contractors', 'User-cat'])
    expect(choices.memberships.map((m: any) => m.name)).toEqual(['Gold Plan', 'Silver Plan'])
    expect(choices.classes.every((c: any) => typeof c.courseName === 'string' && typeof c.start === 'string')).toBe(true)
  })
})
