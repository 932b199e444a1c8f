// Demo certificate templates and issued certificates: template 1 ("cert 1", used by the
// courses that name it and whose certificates do not expire), template 4 (the same with the
// expiry date, for courses 2 and 5 whose certificates expire), templates 2 and 3 the
// documented update, preview and quick edit examples name (3 is course 3's Safety Passport),
// unused templates 12 and 15 the documented delete removes, certificate 1 (Demo Student,
// course 1) the documented issue-date and delete examples name, and certificates for some of
// the learners who completed a course. Layouts: certificate-layouts.ts.
import { uploadUrl } from '../../../shared/contract/files'
import type { CertificateField } from '../../../shared/operations/certificates'
import { certificateBackgroundPng } from '../../pdf/sample-background'
import { completionLayout, safetyPassportLayout, wideCompletionLayout } from './certificate-layouts'
import type { Sql } from '../db/sql'
import { writeUploadFile } from '../files/uploads'
import { uniqueCode, writeCertificate, templateData, expiryOf } from '../domains/certificates/index'

export function seedCertificates(sql: Sql, now: Date, dataDir: string): void {
  seedTemplates(sql, seedBackgrounds(sql, dataDir))
  seedIssued(sql, now)
}

/** The two template backgrounds, stored as uploads; their addresses. */
function seedBackgrounds(sql: Sql, dataDir: string): { background: string; wideBackground: string } {
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
  return { background, wideBackground: uploadUrl(wideSha, 'completion-certificate.png') }
}

function seedTemplates(sql: Sql, { background, wideBackground }: { background: string; wideBackground: string }): void {
  const templates: { id: number; name: string; bg_url: string | null; width: number; height: number; fields: CertificateField[]; author: number; created: string }[] = [
    { id: 1, name: 'cert 1', bg_url: background, width: 1070, height: 827, fields: completionLayout(false), author: 1, created: '2020-08-03T09:58:00.000Z' },
    { id: 2, name: 'Completion-Certificate', bg_url: wideBackground, width: 1075, height: 680, fields: wideCompletionLayout(), author: 5, created: '2021-01-10T09:00:00.000Z' },
    { id: 3, name: 'Safety Passport', bg_url: background, width: 1070, height: 827, fields: safetyPassportLayout(), author: 6, created: '2021-06-14T09:30:00.000Z' },
    { id: 4, name: 'Certificate of Completion (expires)', bg_url: background, width: 1070, height: 827, fields: completionLayout(true), author: 1, created: '2021-09-01T09:00:00.000Z' },
    { id: 12, name: 'Old template (2019)', bg_url: null, width: 1075, height: 680, fields: [{ key: 'student_full_name', value: 'Student Full Name', font_size: 20, align_center: true, font_family: 'Arial', font_color: '#222', top: 300, left: 237, width: 600, height: 60 }], author: 1, created: '2020-08-04T09:00:00.000Z' },
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
  // Course 3 issues the Safety Passport; courses 2 and 5, whose certificates expire, the
  // completion certificate that prints the expiry date.
  sql.run(sql.qb.updateTable('courses').set({ certificate_templates: JSON.stringify([3]) }).where('id', '=', 3))
  sql.run(sql.qb.updateTable('courses').set({ certificate_templates: JSON.stringify([4]) }).where('id', 'in', [2, 5]))
}

function seedIssued(sql: Sql, now: Date): void {
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
