// Certificate PDFs through the engine: 1,000 issued certificates of one template with a
// PNG background and ten fields (Latin, accented and CJK names, a QR code), each
// downloaded as its own PDF (certificates.download), then all of them as one PDF.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Engine } from '../src/main/engine/engine'
import { certificateBackgroundPng } from '../src/main/pdf/sample-background'
import { machineLoad, measureListCases, percentile, type Figure } from './harness'

const COUNT = 1000
const FIRST = ['Ada', 'Łukasz', 'Zoë', '芳', 'José', 'Priya', 'Kofi', 'Elif', 'Dmitri', 'Hana']
const LAST = ['Lovelace', 'Kowalski', 'Dubois', '王', 'García', 'Sharma', 'Mensah', 'Yılmaz', 'Volkov', 'Sato']

function unwrap<T>(result: { ok: boolean; value?: unknown; error?: { message: string } }): T {
  if (!result.ok) throw new Error(result.error?.message)
  return result.value as T
}

export async function benchCertificates(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-certificates-'))
  const engine = await Engine.open({ dataDir: dir, log: () => undefined })
  try {
    const call = async <T>(name: string, input: unknown) => unwrap<T>(await engine.invokeAsync(name, input))
    const png = certificateBackgroundPng(1070, 827)
    const { url } = await call<{ url: string }>('certificates.uploadBackground', { file: { name: 'frame.png', contentBase64: png.toString('base64') } })
    const f = (key: string, top: number, extra: Record<string, unknown> = {}) => ({ key, value: key, font_size: 20, align_center: true, font_family: 'Arial', font_color: '#222', top, left: 185, width: 700, height: 40, ...extra })
    const fields = [
      f('custom_text', 120, { value: 'Certificate of Completion', font_size: 44, font_family: 'Times-Bold' }),
      f('student_full_name', 300, { font_size: 40, font_family: 'Times-Bold' }),
      f('student_first_name', 360, { font_size: 14 }),
      f('course_name', 440, { font_family: 'DejaVuSans-Bold', font_size: 28 }),
      f('issue_date', 600, { left: 140, width: 260, font_size: 16 }),
      f('expiry_date', 640, { left: 140, width: 260, font_size: 12 }),
      f('instructor_name', 600, { left: 670, width: 260, font_size: 16, font_family: 'Courier' }),
      f('certificate_code', 730, { left: 140, width: 300, font_size: 11, font_family: 'Courier-Bold', align_center: false }),
      f('course_credit', 680, { left: 670, width: 100, font_size: 12, font_family: 'Helvetica' }),
      f('certificate_qr_code', 670, { left: 850, width: 100, height: 100 }),
    ]
    const { id: templateId } = await call<{ id: number }>('certificateTemplates.create', { name: 'Bench', bg_url: url, width: 1070, height: 827, fields })
    const { id: courseId } = await call<{ id: number }>('courses.create', {
      name: 'Workplace Safety 安全',
      slug: 'bench-course',
      status: 'publish',
      gradingRule: 'no_grading',
      durationRule: 'unlimited',
      certificateTemplates: [templateId],
      certificateExpiresAfter: 24,
      credits: 12,
    })
    // Learners written directly: the benchmark is about the PDFs, not about creating users.
    const raw = engine.sql.raw
    const at = new Date().toISOString()
    const insertUser = raw.prepare("INSERT INTO users (first_name, last_name, email, email_key, user_type, created_at, updated_at) VALUES (?, ?, ?, ?, 'general', ?, ?)")
    const insertEnrollment = raw.prepare("INSERT INTO enrollments (course_id, user_id, status, percent_complete, registered_at, completed_at) VALUES (?, ?, 'Completed', 100, ?, ?)")
    const enrollmentIds: number[] = []
    raw.transaction(() => {
      for (let i = 0; i < COUNT; i++) {
        const email = `learner${i}@bench.example.org`
        const userId = Number(insertUser.run(FIRST[i % 10], `${LAST[(i * 3) % 10]} ${i}`, email, email, at, at).lastInsertRowid)
        enrollmentIds.push(Number(insertEnrollment.run(courseId, userId, at, at).lastInsertRowid))
      }
    })()
    const issueStart = process.hrtime.bigint()
    for (let i = 0; i < COUNT; i += 100) await call('courses.assignCertificate', { id: courseId, enrollmentIds: enrollmentIds.slice(i, i + 100) })
    const issueMs = Number(process.hrtime.bigint() - issueStart) / 1e6
    const ids = (raw.prepare('SELECT id FROM user_certificates ORDER BY id').all() as { id: number }[]).map((r) => r.id)

    const loadBefore = machineLoad('before certificate PDFs')
    for (let i = 0; i < 20; i++) await call('certificates.download', { ids: [ids[i]] })
    const wall: number[] = []
    const cpu: number[] = []
    let bytes = 0
    const totalStart = process.hrtime.bigint()
    for (const id of ids) {
      const cpuStart = process.cpuUsage()
      const start = process.hrtime.bigint()
      const pdf = await call<{ bytes: Uint8Array }>('certificates.download', { ids: [id] })
      wall.push(Number(process.hrtime.bigint() - start) / 1e6)
      const used = process.cpuUsage(cpuStart)
      cpu.push((used.user + used.system) / 1000)
      bytes += pdf.bytes.byteLength
    }
    const totalMs = Number(process.hrtime.bigint() - totalStart) / 1e6
    wall.sort((a, b) => a - b)
    cpu.sort((a, b) => a - b)

    const batchStart = process.hrtime.bigint()
    const batch = await call<{ bytes: Uint8Array }>('certificates.download', { ids: ids.slice(0, 500) })
    const batchMs = Number(process.hrtime.bigint() - batchStart) / 1e6

    // The issue screen's learner list on a course of 10,000 (the 1,000 above and 9,000 more who
    // have not finished): counted, paged and searched on the server.
    raw.transaction(() => {
      const enroll = raw.prepare("INSERT INTO enrollments (course_id, user_id, status, percent_complete, registered_at) VALUES (?, ?, 'In Progress', 40, ?)")
      for (let i = 0; i < 9000; i++) {
        const email = `more${i}@bench.example.org`
        enroll.run(courseId, Number(insertUser.run(FIRST[i % 10], `${LAST[(i * 7) % 10]} ${i}`, email, email, at, at).lastInsertRowid), at)
      }
    })()
    const page = (extra: Record<string, unknown>) => ({ courseId, page_size: 25, page_number: 1, ...extra })
    const candidates = measureListCases(engine, 'certificates.candidates', 'issue list (10,000 learners)', [
      ['page 1 by name, with counts', page({})],
      ['page 400 (last) by name', page({ page_number: 400 })],
      ['holders of a certificate', page({ search_param: { show: 'holders' } })],
      ['search "Kowalski 12"', page({ search_param: { nameOrEmail: 'Kowalski 12' } })],
    ], 100)

    return [
      ...candidates,
      { name: `issue ${COUNT} certificates (10 calls of 100)`, unit: 'ms', value: issueMs },
      loadBefore,
      { name: 'certificate PDF (background + 10 fields), median', unit: 'ms', value: percentile(wall, 50), target: '< 10 ms' },
      { name: 'certificate PDF, median CPU time', unit: 'ms', value: percentile(cpu, 50) },
      { name: 'certificate PDF, p95', unit: 'ms', value: percentile(wall, 95) },
      { name: `${COUNT} certificate PDFs, total`, unit: 'ms', value: totalMs },
      { name: 'certificate PDF, mean size', unit: 'KB', value: bytes / ids.length / 1024 },
      { name: 'one PDF of 500 certificates (print many), per page', unit: 'ms', value: batchMs / 500, note: `${(batch.bytes.byteLength / 1024 / 1024).toFixed(1)} MB` },
      machineLoad('after certificate PDFs'),
    ]
  } finally {
    engine.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('certificates.bench.ts')) {
  const { report } = await import('./harness')
  report(await benchCertificates())
}
