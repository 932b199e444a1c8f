// Demo certificate templates and issued certificates: template 1 ("cert 1", used by the
// courses that name it), templates 2 and 3 the documented update, preview and quick edit
// examples name, unused templates 12 and 15 the documented delete removes, certificate 1
// (Demo Student, course 1) the documented issue-date and delete examples name, and
// certificates for some of the learners who completed a course.
import { uploadUrl } from '../../../shared/contract/files'
import type { CertificateField } from '../../../shared/operations/certificates'
import { certificateBackgroundPng } from '../../pdf/sample-background'
import type { Sql } from '../db/sql'
import { writeUploadFile } from '../files/uploads'
import { uniqueCode, writeCertificate } from '../domains/certificates/issue'
import { templateData } from '../domains/certificates/templates'
import { expiryOf } from '../domains/certificates/values'

const field = (key: string, value: string, top: number, left: number, width: number, height: number, extra: Partial<CertificateField> = {}): CertificateField => ({
  key,
  value,
  font_size: 20,
  align_center: true,
  font_family: 'Arial',
  font_color: '#222',
  top,
  left,
  width,
  height,
  ...extra,
})

/** The layout of the demo's main template (1070×827). */
export function demoTemplateFields(): CertificateField[] {
  return [
    field('custom_text', 'Certificate of Completion', 120, 185, 700, 70, { font_size: 44, font_family: 'Times-Bold', font_color: '#1f3a5f' }),
    field('custom_text', 'This certifies that', 250, 335, 400, 36, { font_size: 18, font_family: 'Times-Roman', font_color: '#555' }),
    field('student_full_name', 'Student Full Name', 300, 185, 700, 70, { font_size: 40, font_family: 'Times-Bold', font_color: '#1a1a1a' }),
    field('custom_text', 'has successfully completed', 390, 335, 400, 36, { font_size: 18, font_family: 'Times-Roman', font_color: '#555' }),
    field('course_name', 'Course Name', 440, 185, 700, 50, { font_size: 28, font_family: 'DejaVuSans-Bold', font_color: '#1f3a5f' }),
    field('issue_date', 'Date of Issue', 600, 140, 260, 36, { font_size: 16 }),
    field('expiry_date', 'Date of Expiry', 640, 140, 260, 30, { font_size: 12, font_color: '#666' }),
    field('instructor_name', 'Instructor Name', 600, 670, 260, 36, { font_size: 16 }),
    field('certificate_code', 'Certificate Code', 730, 140, 300, 24, { font_size: 11, align_center: false, font_family: 'Courier', font_color: '#444' }),
    field('certificate_qr_code', 'Certificate Code (QR code)', 670, 850, 100, 100),
  ]
}

export function seedCertificates(sql: Sql, now: Date, dataDir: string): void {
  const png = certificateBackgroundPng(1070, 827)
  const sha = writeUploadFile(dataDir, png)
  sql.run(
    sql.qb
      .insertInto('uploads')
      .values({ sha256: sha, name: 'default-certificate.png', mime: 'image/png', size: png.length, created_at: '2020-08-03T09:58:00.000Z' })
      .onConflict((oc) => oc.column('sha256').doNothing()),
  )
  const background = uploadUrl(sha, 'default-certificate.png')
  const wide = certificateBackgroundPng(1075, 680, [0x5a, 0x2a, 0x27])
  const wideSha = writeUploadFile(dataDir, wide)
  sql.run(
    sql.qb
      .insertInto('uploads')
      .values({ sha256: wideSha, name: 'completion-certificate.png', mime: 'image/png', size: wide.length, created_at: '2021-01-10T09:00:00.000Z' })
      .onConflict((oc) => oc.column('sha256').doNothing()),
  )
  const templates = [
    { id: 1, name: 'cert 1', bg_url: background, width: 1070, height: 827, fields: demoTemplateFields(), author: 1, created: '2020-08-03T09:58:00.000Z' },
    {
      id: 2,
      name: 'Completion-Certificate',
      bg_url: uploadUrl(wideSha, 'completion-certificate.png'),
      width: 1075,
      height: 680,
      fields: [
        field('student_first_name', 'Student First Name', 252, 237, 600, 50, { font_size: 34, font_family: 'Times-Bold' }),
        field('course_name', 'Course Name', 352, 237, 600, 40, { font_size: 22 }),
        field('issue_date', 'Date of Issue', 520, 237, 600, 30, { font_size: 14 }),
      ],
      author: 5,
      created: '2021-01-10T09:00:00.000Z',
    },
    {
      id: 3,
      name: 'Safety Passport',
      bg_url: background,
      width: 1070,
      height: 827,
      fields: [
        field('student_full_name', 'Student Full Name', 320, 185, 700, 60, { font_size: 36, font_family: 'DejaVuSans-Bold' }),
        field('course_name', 'Course Name', 420, 185, 700, 40, { font_size: 24 }),
        field('course_credit', 'Course Credit', 480, 185, 700, 30, { font_size: 16 }),
        field('certificate_code', 'Certificate Code', 730, 140, 300, 24, { font_size: 11, align_center: false, font_family: 'DejaVuSansMono-Bold' }),
      ],
      author: 6,
      created: '2021-06-14T09:30:00.000Z',
    },
    { id: 12, name: 'Old template (2019)', bg_url: null, width: 1075, height: 680, fields: [field('student_full_name', 'Student Full Name', 300, 237, 600, 60)], author: 1, created: '2020-08-04T09:00:00.000Z' },
    { id: 15, name: 'Draft template', bg_url: null, width: 842, height: 595, fields: [], author: 1, created: '2020-08-05T09:00:00.000Z' },
  ]
  for (const t of templates) {
    sql.run(
      sql.qb.insertInto('certificate_templates').values({
        id: t.id,
        name: t.name,
        bg_url: t.bg_url,
        width: t.width,
        height: t.height,
        fields: JSON.stringify(t.fields),
        author_id: t.author,
        created_at: t.created,
        updated_at: t.created,
      }),
    )
  }
  // Course 3 issues the Safety Passport.
  sql.run(sql.qb.updateTable('courses').set({ certificate_templates: JSON.stringify([3]) }).where('id', '=', 3))

  const templateRows = new Map(sql.all(sql.qb.selectFrom('certificate_templates').selectAll()).map((t) => [t.id, t]))
  const issue = (userId: number, courseId: number, issuedIso: string) => {
    const course = sql.first(sql.qb.selectFrom('courses').selectAll().where('id', '=', courseId))!
    const user = sql.first(sql.qb.selectFrom('users').select(['first_name', 'last_name']).where('id', '=', userId))!
    const template = templateRows.get((JSON.parse(course.certificate_templates) as number[])[0])!
    const issuedAt = new Date(issuedIso)
    writeCertificate(sql, {
      userId,
      user,
      course,
      template,
      snapshot: JSON.stringify(templateData(template)),
      issuedAt,
      expiresAt: expiryOf(issuedAt, course.certificate_expires_after),
      code: uniqueCode(sql),
      classId: null,
    })
  }
  // Certificate 1: the documented examples' (Demo Student, course 1, "Aug 03, 2020 10:02 AM").
  issue(3, 1, '2020-08-03T10:02:00.000Z')
  issue(4, 2, new Date(now.getTime() - 30 * 86_400_000).toISOString())
  // Half of the other completed learners of courses 2, 3 and 5 hold theirs; the rest are left to issue.
  const completed = sql.all(
    sql.qb
      .selectFrom('enrollments')
      .select(['user_id', 'course_id', 'completed_at'])
      .where('status', '=', 'Completed')
      .where('course_id', 'in', [2, 3, 5])
      .where('user_id', '>', 4)
      .orderBy('id'),
  )
  completed.forEach((e, i) => {
    if (i % 2 === 0) issue(e.user_id, e.course_id, e.completed_at ?? now.toISOString())
  })
}
