// Certificate templates and issued certificates through the registry on a real SQLite
// file, and the PDFs they make checked with qpdf, pdftotext and pdftoppm.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type { OpInput } from '../../src/shared/operations/index'
import type { CertificateFieldInput } from '../../src/shared/operations/certificates'
import { isBinaryAnswer, type BinaryAnswer } from '../../src/shared/contract/binary'
import { parseUploadUrl } from '../../src/shared/contract/files'
import { BACKGROUND_FETCH } from '../../src/main/engine/domains/certificates/render'
import { uploadPath } from '../../src/main/engine/files/uploads'
import { certificateBackgroundPng } from '../../src/main/pdf/sample-background'
import { changeRecords, openTestEngine, rows, validCourse, validUser, type OpenedTestEngine } from './helpers'
import { canReadQrCodes, checkPdf, qrCodesIn } from './certificates-pdf'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine()
})
afterEach(() => t.dispose())

type PdfOperation = 'certificates.download' | 'certificates.previewDraft' | 'certificateTemplates.preview'
const pdfOf = async (name: PdfOperation, input: OpInput<PdfOperation>): Promise<BinaryAnswer> => {
  const value = await t.async.call(name, input)
  expect(isBinaryAnswer(value)).toBe(true)
  expect(value.contentType).toBe('application/pdf')
  return value as BinaryAnswer
}

const field = (key: string, top: number, extra: Partial<CertificateFieldInput> = {}): CertificateFieldInput => ({
  key,
  value: key,
  font_size: 22,
  align_center: true,
  font_family: 'Arial',
  font_color: '#1f3a5f',
  top,
  left: 100,
  width: 800,
  height: 40,
  ...extra,
})

const fields = () => [
  field('custom_text', 40, { value: 'Certificate of Achievement', font_family: 'Times-Bold', font_size: 36 }),
  field('student_full_name', 120, { font_family: 'Times-Bold', font_size: 32 }),
  field('course_name', 200, { font_family: 'DejaVuSans-Bold' }),
  field('issue_date', 260, { font_size: 14 }),
  field('expiry_date', 300, { font_size: 14 }),
  field('instructor_name', 340, { font_size: 14, font_family: 'Courier' }),
  field('certificate_code', 380, { font_size: 12, font_family: 'Courier-Bold', align_center: false }),
  field('course_credit', 420, { font_size: 12, font_family: 'Helvetica' }),
  field('certificate_qr_code', 460, { width: 100, height: 100, left: 450 }),
]

async function uploadBackground(): Promise<string> {
  const png = certificateBackgroundPng(1000, 600)
  return (await t.async.call('certificates.uploadBackground', { file: { name: 'frame.png', contentBase64: png.toString('base64') } })).url
}

/** A course issuing a new template, with learners enrolled; `completed` finish the course. */
async function world(names: [string, string][], completed: number[] = names.map((_, i) => i)) {
  const bg = await uploadBackground()
  const templateId = (await t.async.call('certificateTemplates.create', { name: 'Achievement', bg_url: bg, width: 1000, height: 600, fields: fields() })).id
  const instructor = (await t.async.call('users.create', validUser({ firstName: 'Grace', lastName: 'Hopper' }))).id
  const courseId = (await t.async.call('courses.create', validCourse({ name: 'Première Aide 急救', slug: 'first-aid', certificateTemplates: [templateId], certificateExpiresAfter: 12, credits: 15 }))).id
  t.engine.sql.raw.prepare('UPDATE courses SET author_id = ? WHERE id = ?').run(instructor, courseId)
  const userIds: number[] = []
  for (const [firstName, lastName] of names) userIds.push((await t.async.call('users.create', validUser({ firstName, lastName }))).id)
  await t.async.call('courses.enroll', { id: courseId, studentIds: userIds })
  // Completion comes from the learners' progress, which these tests do not walk through.
  for (const i of completed) t.engine.sql.raw.prepare("UPDATE enrollments SET status = 'Completed', percent_complete = 100 WHERE course_id = ? AND user_id = ?").run(courseId, userIds[i])
  const enrollments = rows<{ id: number; user_id: number }>(t.engine, 'SELECT id, user_id FROM enrollments WHERE course_id = ? ORDER BY id', courseId)
  const enrollmentOf = (userId: number) => enrollments.find((e) => e.user_id === userId)!.id
  return { bg, templateId, courseId, userIds, enrollmentOf }
}

describe('issuing certificates', () => {
  it('issues to learners who completed, with unique codes and an expiry 12 months on, and skips the rest with reasons', async () => {
    t.clock.set('2024-01-31T10:00:00.000Z')
    const w = await world([['Łukasz', 'Kowalski'], ['Zoë', 'Dubois'], ['芳', '王'], ['Not', 'Finished']], [0, 1, 2])
    const answer = await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: w.userIds.map(w.enrollmentOf) })
    expect(answer.isSucess).toBe(true)
    expect(answer.issued).toBe(3)
    expect(answer.message).toMatch(/assigned sucessfully to 3 student\(s\)/)
    expect(answer.skipped).toEqual([
      {
        userId: w.userIds[3],
        reason: 'Not Finished has not completed Première Aide 急救.',
        reasonCode: { key: 'reason.issue.not_completed', values: { name: 'Not Finished', course: 'Première Aide 急救' } },
      },
    ])
    const issued = rows<{ code: string; issued_at: string; expires_at: string }>(t.engine, 'SELECT code, issued_at, expires_at FROM user_certificates ORDER BY id')
    expect(new Set(issued.map((r) => r.code)).size).toBe(3)
    for (const r of issued) {
      expect(r.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      expect(r.issued_at).toBe('2024-01-31T10:00:00.000Z')
      // Jan 31 + 12 months, not pushed into the next month.
      expect(r.expires_at).toBe('2025-01-31T10:00:00.000Z')
    }
    // One change record per certificate for sync, naming the course and the enrollment.
    const queued = changeRecords(t.engine).filter((c) => c.operation === 'courses.assignCertificate')
    expect(queued.map((c) => c.input)).toEqual(w.userIds.slice(0, 3).map((u) => ({ id: w.courseId, enrollmentIds: [w.enrollmentOf(u)] })))

    const again = await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: [w.enrollmentOf(w.userIds[0])] })
    expect(again.isSucess).toBe(false)
    expect(again.skipped[0].reason).toMatch(/Łukasz Kowalski already holds certificate [0-9A-Z-]{14} for Première Aide 急救/)
    expect(rows(t.engine, 'SELECT id FROM user_certificates')).toHaveLength(3)
  })

  it('prints the learner, course, code and dates into a valid PDF, non-Latin names included', async () => {
    t.clock.set('2024-03-05T10:00:00.000Z')
    const w = await world([['Łukasz', 'Kowalski'], ['Zoë', 'Dubois'], ['芳', '王']])
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: w.userIds.map(w.enrollmentOf) })
    const certs = rows<{ id: number; code: string; user_id: number }>(t.engine, 'SELECT id, code, user_id FROM user_certificates ORDER BY id')
    // pdftotext runs CJK characters together, dropping the space between them.
    const expected = [/Łukasz Kowalski/, /Zoë Dubois/, /芳\s?王/]
    for (const [i, cert] of certs.entries()) {
      const pdf = await pdfOf('certificates.download', { ids: [cert.id] })
      expect(pdf.warnings).toEqual([])
      const checked = checkPdf(pdf.bytes)
      expect(checked.pages).toBe(1)
      expect(checked.text).toMatch(expected[i])
      expect(checked.text).toContain('Première Aide 急救')
      expect(checked.text).toContain(cert.code)
      expect(checked.text).toContain('Certificate of Achievement')
      expect(checked.text).toContain('Grace Hopper')
      expect(checked.text).toContain('Mar 05, 2024')
      expect(checked.text).toContain('Mar 05, 2025')
      expect(checked.text).toContain('15')
      // The page is drawn: the background's frame and the text darken part of it, not all.
      expect(checked.inkShare).toBeGreaterThan(0.01)
      expect(checked.inkShare).toBeLessThan(0.5)
    }
    // Many at once: one PDF, a page each, for printing.
    const all = await pdfOf('certificates.download', { ids: certs.map((c) => c.id) })
    const checked = checkPdf(all.bytes)
    expect(checked.pages).toBe(3)
    for (const name of expected) expect(checked.text).toMatch(name)
  })

  it('prints the dates in the chosen language and keeps the template text; an Arabic name and date are drawn shaped, right to left', async () => {
    t.clock.set('2024-03-05T10:00:00.000Z')
    const w = await world([['Zoë', 'Dubois'], ['فاطمة', 'الزهراء']])
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: w.userIds.map(w.enrollmentOf) })
    const [zoe, fatima] = rows<{ id: number }>(t.engine, 'SELECT id FROM user_certificates ORDER BY id')
    const fr = checkPdf((await pdfOf('certificates.download', { ids: [zoe.id], locale: 'fr' })).bytes).text
    expect(fr).toContain('5 mars 2024')
    expect(fr).toContain('5 mars 2025')
    expect(fr).toContain('Certificate of Achievement')
    // Without a language named, the profile's choice.
    await t.async.call('app.setLocale', { locale: 'es' })
    expect(checkPdf((await pdfOf('certificates.download', { ids: [zoe.id] })).bytes).text).toContain('5 de marzo de 2024')
    const arabic = await pdfOf('certificates.download', { ids: [fatima.id], locale: 'ar' })
    expect(arabic.warnings).toEqual([])
    const ar = checkPdf(arabic.bytes).text
    // pdftotext reads the drawn glyphs back as letters in reading order: drawn reversed or
    // unshaped, the words would not come back.
    expect(ar).toContain('فاطمة الزهراء')
    // The date's line is drawn from the right: "5 مارس 2024" comes out left to right as
    // "2024 مارس 5" (pdftotext keeps the drawn order, with embedding marks around the Arabic).
    // Compared without spaces, which pdftotext places by its own guess at word gaps.
    const lines = ar.replace(/[\u200e\u200f\u202a-\u202e]/g, '').split('\n').map((l) => l.replace(/\s+/g, ''))
    expect(lines).toContain('2024مارس5')
    expect(lines).toContain('2025مارس5')
    // The stored dates are the same ISO times whatever the language printed.
    expect(rows(t.engine, 'SELECT issued_at FROM user_certificates WHERE id = ?', fatima.id)).toEqual([{ issued_at: '2024-03-05T10:00:00.000Z' }])
  })

  // Needs zbarimg (apt-get install zbar-tools) to read the code back.
  it.skipIf(!canReadQrCodes)('draws a QR code a reader decodes to the certificate code', async () => {
    const w = await world([['Zoë', 'Dubois']])
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: [w.enrollmentOf(w.userIds[0])] })
    const cert = rows<{ id: number; code: string }>(t.engine, 'SELECT id, code FROM user_certificates')[0]
    expect(qrCodesIn((await pdfOf('certificates.download', { ids: [cert.id] })).bytes)).toEqual([cert.code])
  })

  it('prints custom user fields marked for certificates, frozen at issue', async () => {
    await t.async.call('users.customUserFieldsUpdate', {
      fields: [
        { type: 'text', label: 'Employee number', isFieldOnCertificate: true },
        { type: 'text', label: 'Home address', isFieldOnCertificate: false },
      ],
    })
    const fieldsNow = (await t.async.call('users.customUserFields', {})).fields
    const key = `custom_field_${fieldsNow.find((f) => f.label === 'Employee number')!.userMetaKey}`
    const keys = await t.async.call('certificateTemplates.keysLookup', {})
    expect(keys).toContainEqual({ db_value: key, display_value: 'Employee number' })
    expect(keys.map((k) => k.display_value)).not.toContain('Home address')

    const w = await world([['Ada', 'Lovelace']])
    const email = rows<{ email: string }>(t.engine, 'SELECT email FROM users WHERE id = ?', w.userIds[0])[0].email
    await t.async.call('users.update', { id: w.userIds[0], firstName: 'Ada', lastName: 'Lovelace', email, customUserMetas: ['Employee number: E-4711', 'Home address: 1 Quay St'] })
    await t.async.call('certificateTemplates.update', { id: w.templateId, name: 'Achievement', bg_url: w.bg, width: 1000, height: 600, fields: [...fields(), field(key, 520, { font_size: 12 })] })
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: [w.enrollmentOf(w.userIds[0])] })
    await t.async.call('users.update', { id: w.userIds[0], firstName: 'Ada', lastName: 'Lovelace', email, customUserMetas: ['Employee number: E-9999'] })
    const cert = rows<{ id: number }>(t.engine, 'SELECT id FROM user_certificates')[0]
    const text = checkPdf((await pdfOf('certificates.download', { ids: [cert.id] })).bytes).text
    expect(text).toContain('E-4711')
    expect(text).not.toContain('1 Quay St')
  })

  it('keeps an issued certificate as it was when the template is edited later', async () => {
    const w = await world([['Ada', 'Lovelace']])
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: [w.enrollmentOf(w.userIds[0])] })
    const cert = rows<{ id: number }>(t.engine, 'SELECT id FROM user_certificates')[0]
    const before = await pdfOf('certificates.download', { ids: [cert.id] })

    const edited = fields().map((f) => (f.key === 'custom_text' ? { ...f, value: 'Diploma of Excellence' } : f.key === 'course_name' ? { ...f, top: 500 } : f))
    await t.async.call('certificateTemplates.update', { id: w.templateId, name: 'Achievement v2', bg_url: null, width: 900, height: 600, fields: edited.filter((f) => f.key !== 'student_full_name') })
    expect((await t.async.call('certificateTemplates.get', { id: w.templateId })).name).toBe('Achievement v2')
    // The learner's name changes too; the certificate printed the name it was issued to.
    await t.async.call('users.update', { id: w.userIds[0], firstName: 'Augusta', lastName: 'King', email: rows<{ email: string }>(t.engine, 'SELECT email FROM users WHERE id = ?', w.userIds[0])[0].email })

    const after = await pdfOf('certificates.download', { ids: [cert.id] })
    const text = checkPdf(after.bytes).text
    expect(text).toContain('Certificate of Achievement')
    expect(text).not.toContain('Diploma of Excellence')
    expect(text).toContain('Ada Lovelace')
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true)
    // A preview of the template shows the edit.
    const preview = checkPdf((await pdfOf('certificateTemplates.preview', { id: w.templateId })).bytes).text
    expect(preview).toContain('Diploma of Excellence')
  })

  it('moves the expiry with a new issue date, and removes a certificate', async () => {
    const w = await world([['Ada', 'Lovelace']])
    await t.async.call('courses.assignCertificate', { id: w.courseId, enrollmentIds: [w.enrollmentOf(w.userIds[0])] })
    const cert = rows<{ id: number }>(t.engine, 'SELECT id FROM user_certificates')[0]
    expect((await t.async.call('userCertificates.updateIssueDate', { rowId: cert.id, newIssueDate: '2023-02-10 00:00:00' })).message).toBe('Issue Date Updated Successfully')
    const row = rows<{ issued_at: string; expires_at: string }>(t.engine, 'SELECT issued_at, expires_at FROM user_certificates')[0]
    expect(new Date(row.expires_at).getTime() - new Date(row.issued_at).getTime()).toBe(365 * 86_400_000)
    const list = await t.async.call('userCertificates.list', { id: w.userIds[0], page_size: 10, page_number: 1 })
    expect(list.records).toHaveLength(1)
    expect(list.records[0]).toMatchObject({ id: cert.id, courseId: w.courseId, templateId: w.templateId, courseName: 'Première Aide 急救' })
    expect(list.records[0].issueDate).toMatch(/^Feb 10, 2023 /)
    expect((await t.async.fails('userCertificates.updateIssueDate', { rowId: cert.id, newIssueDate: 'someday' })).status).toBe(422)
    // Issued and removed before sync ran: nothing about it is left to send.
    expect((await t.async.call('userCertificates.delete', { id: cert.id })).message).toBe('Certificate Deleted Successfully')
    expect(changeRecords(t.engine).filter((c) => c.entity === 'user_certificate')).toEqual([])
    expect((await t.async.fails('userCertificates.delete', { id: cert.id })).status).toBe(404)
    expect((await t.async.fails('userCertificates.updateIssueDate', { rowId: cert.id, newIssueDate: '2023-02-10 00:00:00' })).status).toBe(404)
  })
})

describe('refusals', () => {
  it('refuses to delete a template a course uses, with the documented message, and deletes the others', async () => {
    const w = await world([['Ada', 'Lovelace']])
    const spare = (await t.async.call('certificateTemplates.create', { name: 'Spare', width: 800, height: 600, fields: [] })).id
    const answer = await t.async.call('certificateTemplates.delete', { delete_ids: [w.templateId, spare] })
    expect(answer.message).toBe('1 template(s) deleted 1 template(s) not deleted as it is used in course. Please remove the template(s) from the course and try again.')
    expect(rows(t.engine, 'SELECT id FROM certificate_templates').map((r: any) => r.id)).toEqual([w.templateId])
    expect((await t.async.fails('certificateTemplates.delete', { delete_ids: [999] })).status).toBe(422)
  })

  it('refuses bad templates with field errors', async () => {
    const bad = async (body: Record<string, unknown>) => await t.async.fails('certificateTemplates.create', { name: 'Bad', width: 800, height: 600, fields: [], ...body })
    const off = await bad({ fields: [field('course_name', 580)] })
    expect(off.status).toBe(422)
    expect(off.message).toMatch(/lies past the right edge of the 800×600 page/)
    expect(off.fields?.['fields.0']).toEqual([
      'The field "course_name" lies past the right edge of the 800×600 page.',
      'The field "course_name" lies past the bottom edge of the 800×600 page.',
    ])
    expect(off.fieldReasons?.['fields.0']?.map((r) => r.values?.edge)).toEqual(['right', 'bottom'])
    expect((await bad({ fields: [field('favourite_colour', 10, { width: 100 })] })).message).toMatch(/not a certificate key/)
    expect((await bad({ fields: [field('course_name', 10, { width: 100, font_color: 'red' })] })).status).toBe(422)
    expect((await bad({ fields: [{ ...field('course_name', 10, { width: 100 }), font_family: 'Comic Sans' }] })).status).toBe(422)
    expect((await bad({ width: 0 })).status).toBe(422)
    expect((await bad({ name: '' })).status).toBe(422)
    expect((await t.async.fails('certificateTemplates.get', { id: 999 })).status).toBe(404)
    expect((await t.async.fails('certificateTemplates.preview', { id: 999 })).status).toBe(404)
    expect((await t.async.fails('certificates.uploadBackground', { file: { name: 'x.png', contentBase64: Buffer.from('not an image').toString('base64') } })).status).toBe(422)
  })

  it('refuses enrollments of another course and a course without a template', async () => {
    const w = await world([['Ada', 'Lovelace']])
    const other = (await t.async.call('courses.create', validCourse({ name: 'No Certificate', slug: 'no-certificate' }))).id
    await t.async.call('courses.enroll', { id: other, studentIds: [w.userIds[0]] })
    const otherEnrollment = rows<{ id: number }>(t.engine, 'SELECT id FROM enrollments WHERE course_id = ?', other)[0].id
    t.engine.sql.raw.prepare("UPDATE enrollments SET status = 'Completed' WHERE id = ?").run(otherEnrollment)
    const wrong = await t.async.fails('courses.assignCertificate', { id: w.courseId, enrollmentIds: [otherEnrollment] })
    expect(wrong.status).toBe(422)
    expect(wrong.message).toMatch(/not enrollments of Première Aide 急救: \d+/)
    const none = await t.async.fails('courses.assignCertificate', { id: other, enrollmentIds: [otherEnrollment] })
    expect(none.message).toMatch(/has no certificate template/)
    expect((await t.async.fails('courses.assignCertificate', { id: 999, enrollmentIds: [1] })).status).toBe(404)
    expect(rows(t.engine, 'SELECT id FROM user_certificates')).toEqual([])
  })
})

describe('backgrounds and warnings', () => {
  it('keeps a URL background for offline use, and warns when there is no copy', async () => {
    const png = certificateBackgroundPng(400, 300)
    let served = 0
    const server = http.createServer((_req, res) => {
      served++
      res.writeHead(200, { 'Content-Type': 'image/png' })
      res.end(png)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const url = `http://127.0.0.1:${port}/frame.png`
    // This server stands for a public one: backgrounds are fetched from public addresses only.
    BACKGROUND_FETCH.allowed = new Set([`127.0.0.1:${port}`])
    onTestFinished(() => void (BACKGROUND_FETCH.allowed = undefined))
    const id = (await t.async.call('certificateTemplates.create', { name: 'Online', bg_url: url, width: 400, height: 300, fields: [field('custom_text', 100, { left: 10, width: 380, value: 'Hello' })] })).id
    const online = await pdfOf('certificateTemplates.preview', { id })
    expect(online.warnings).toEqual([])
    expect(served).toBe(1)
    const withBackground = checkPdf(online.bytes)
    await new Promise<void>((resolve) => server.close(() => resolve()))
    // Offline now: the kept copy draws the same page.
    const offline = await pdfOf('certificateTemplates.preview', { id })
    expect(offline.warnings).toEqual([])
    expect(checkPdf(offline.bytes).meanGrey).toBeCloseTo(withBackground.meanGrey, 5)

    const never = (await t.async.call('certificateTemplates.create', { name: 'Never fetched', bg_url: url.replace('frame', 'other'), width: 400, height: 300, fields: [field('custom_text', 100, { left: 10, width: 380, value: 'Hello' })] })).id
    const missing = await pdfOf('certificateTemplates.preview', { id: never })
    expect(missing.warnings.join(' ')).toMatch(/could not be downloaded .* no copy is kept on this computer/)
    const checked = checkPdf(missing.bytes)
    expect(checked.text).toContain('Hello')
    // Without the frame the page is lighter than with it.
    expect(checked.meanGrey).toBeGreaterThan(withBackground.meanGrey)
  })

  it('warns about a missing or broken background and a field off the page, and still draws the page', async () => {
    const bg = await uploadBackground()
    const template = { name: 'Draft', bg_url: bg, width: 1000, height: 600, fields: [field('student_full_name', 580), field('custom_text', 10, { value: 'Still here' })] }
    const offPage = await pdfOf('certificates.previewDraft', { template })
    expect(offPage.warnings.join(' ')).toMatch(/lies past the bottom edge of the 1000×600 page/)
    expect(checkPdf(offPage.bytes).text).toContain('Still here')

    const file = uploadPath(t.dir, parseUploadUrl(bg)!.sha256)
    fs.writeFileSync(file, Buffer.concat([certificateBackgroundPng(10, 10).subarray(0, 40), Buffer.from('garbage')]))
    const broken = await pdfOf('certificates.previewDraft', { template: { ...template, fields: template.fields.slice(1) } })
    expect(broken.warnings.join(' ')).toMatch(/background image is broken/)
    expect(checkPdf(broken.bytes).text).toContain('Still here')

    fs.rmSync(file)
    const gone = await pdfOf('certificates.previewDraft', { template: { ...template, fields: template.fields.slice(1) } })
    expect(gone.warnings.join(' ')).toMatch(/missing from this computer's data folder/)
  })

  it('previews a draft with a real learner', async () => {
    const w = await world([['芳', '王']])
    const pdf = await pdfOf('certificates.previewDraft', { template: { name: 'Draft', bg_url: w.bg, width: 1000, height: 600, fields: fields() }, userId: w.userIds[0], courseId: w.courseId })
    const text = checkPdf(pdf.bytes).text
    expect(text).toMatch(/芳\s?王/)
    expect(text).toContain('Première Aide 急救')
    expect(text).toContain('Grace Hopper')
  })
})
