// Uploads over HTTP: the documented multipart upload, files served back at
// /files/<sha256>/<name> with safe content types, and refusals.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, startServer, type RunningServer } from './server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ demo: true })
})
afterAll(async () => {
  await server?.stop()
})

function multipart(parts: { name: string; filename?: string; type?: string; content: Buffer | string }[]) {
  const boundary = `----lms-test-${Date.now()}`
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`))
    chunks.push(Buffer.from(part.content))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1')

describe('module/assignment/upload over HTTP', () => {
  it('stores a multipart file content-addressed and serves it back inline with its type', async () => {
    const { body, contentType } = multipart([
      { name: 'statusRowId', content: '2' },
      { name: 'file', filename: 'Rapport d’étude.pdf', type: 'application/pdf', content: PDF },
    ])
    const answer = await request(server, 'POST', '/api/module/assignment/upload', { rawBody: body, headers: { 'Content-Type': contentType } })
    expect(answer.status).toBe(200)
    const sha = createHash('sha256').update(PDF).digest('hex')
    expect(answer.json).toMatchObject({ sha256: sha, size: PDF.length, name: 'Rapport d’étude.pdf' })
    expect(answer.json.s3_url).toBe(`lms-file://uploads/${sha}/${encodeURIComponent('Rapport d’étude.pdf')}`)
    expect(fs.readFileSync(path.join(server.dataDir, 'uploads', sha.slice(0, 2), sha))).toEqual(PDF)

    const file = await request(server, 'GET', `/files/${sha}/${encodeURIComponent('Rapport d’étude.pdf')}`)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/)
    expect(file.headers['x-content-type-options']).toBe('nosniff')
    expect(file.text).toBe(PDF.toString('utf8'))
  })

  it('refuses a file type the assignment does not accept, and a file whose bytes are not what its name says', async () => {
    const wrongType = multipart([
      { name: 'statusRowId', content: '2' },
      { name: 'file', filename: 'setup.exe', content: 'MZ...' },
    ])
    const refused = await request(server, 'POST', '/api/module/assignment/upload', { rawBody: wrongType.body, headers: { 'Content-Type': wrongType.contentType } })
    expect(refused.status).toBe(422)
    expect(refused.json.errors.file[0]).toMatch(/accepts pdf, image files/)

    const disguised = multipart([
      { name: 'statusRowId', content: '2' },
      { name: 'file', filename: 'essay.pdf', content: 'not really a pdf' },
    ])
    const broken = await request(server, 'POST', '/api/module/assignment/upload', { rawBody: disguised.body, headers: { 'Content-Type': disguised.contentType } })
    expect(broken.status).toBe(422)
    expect(broken.json.message).toMatch(/is not a valid \.pdf file/)
  })

  it('answers a malformed multipart body with 400 and keeps serving', async () => {
    const answer = await request(server, 'POST', '/api/module/assignment/upload', {
      rawBody: '--zz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
      headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
    })
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/closing boundary/)
    expect((await request(server, 'POST', '/app/app.status', { body: {} })).status).toBe(200)
  })
})

describe('/files/<sha256>/<name>', () => {
  it('serves types it cannot preview as a sandboxed attachment', async () => {
    const bytes = Buffer.from('<script>alert(1)</script>')
    const upload = await request(server, 'POST', '/api/module/assignment/upload', {
      body: { file: { name: 'page.html', contentBase64: bytes.toString('base64') } },
    })
    expect(upload.status).toBe(200)
    const file = await request(server, 'GET', `/files/${upload.json.sha256}/page.html`)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('application/octet-stream')
    expect(file.headers['content-disposition']).toMatch(/^attachment;/)
    expect(file.headers['content-security-policy']).toMatch(/sandbox/)
  })

  it('answers 404 for unknown hashes, malformed paths and traversal attempts', async () => {
    const unknown = 'a'.repeat(64)
    for (const path of [`/files/${unknown}/x.pdf`, '/files/../../etc/passwd', `/files/${unknown}`, '/files/zz/x.pdf', `/files/${unknown}/..%2F..%2Fx`]) {
      const answer = await request(server, 'GET', path)
      expect(answer.status, path).toBe(404)
    }
  })
})
