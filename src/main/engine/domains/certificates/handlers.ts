// Certificate Templates group, issued certificates and the certificates screen's app
// operations. PDFs are rendered on demand from the frozen copy kept with each certificate.
import { sql as rawSql } from 'kysely'
import {
  CERTIFICATE_FONTS,
  type CertificateField,
  type CertificateTemplateData,
} from '../../../../shared/operations/certificates'
import { defineHandlers } from '../../handlers'
import { hasNeverAttempted } from '../../outbox'
import type { EngineContext } from '../../context'
import { invalid, invalidFields, notFound } from '../../errors'
import type { ReasonKey, ReasonValues } from '../../reasons'
import { dateText, dateTimeText } from '../../format'
import { containsText, fullNameExpr, inCourseCategories } from '../../list'
import { defineList } from '../../define-list'
import { sortKeyOf } from '../../db/sort-key'
import { storeUpload } from '../../files/uploads'
import { requireCourse } from '../courses/index'
import { fullName, missingUserIds, requireUser, userNameOf } from '../users/index'
import { certificateKeys, customFieldValues } from './keys'
import { backgroundSize, type BackgroundRefusal } from '../../../pdf/image-size'
import { imageKindOf } from '../../../pdf/images'
import { issueCertificates } from './issue'
import { certificatesPdf } from './render'
import { coursesUsingTemplate, requireTemplate, templateData } from './templates'
import { expiryOf, frozenValues, SAMPLE_VALUES, withDates } from './values'
import { documentLocale } from '../../documents'
import type { Locale } from '../../../../shared/i18n/locales'
import { edgesPassed } from '../../../pdf/certificate-pdf'

/** 422s for fields a saved template may not have: unknown keys, boxes off the page. */
function checkFields(ctx: EngineContext, template: { width: number; height: number; fields: CertificateField[] }): void {
  const known = new Set(certificateKeys(ctx.sql).map((k) => k.db_value))
  const errors: Record<string, { key: ReasonKey; values?: ReasonValues }[]> = {}
  template.fields.forEach((field, i) => {
    if (!known.has(field.key)) (errors[`fields.${i}.key`] ??= []).push({ key: 'reason.certificate_key_unknown', values: { key: field.key } })
    for (const edge of edgesPassed(field, template)) {
      ;(errors[`fields.${i}`] ??= []).push({ key: 'reason.certificate_field_outside', values: { field: field.value || field.key, edge, width: String(template.width), height: String(template.height) } })
    }
  })
  if (Object.keys(errors).length) throw invalidFields(errors)
}

const storedFields = (fields: CertificateField[]) =>
  JSON.stringify(fields.map(({ show_tools: _ignored, ...f }) => ({ ...f, font_family: (CERTIFICATE_FONTS as readonly string[]).includes(f.font_family) ? f.font_family : 'Arial' })))

function templateBodyOf(input: CertificateTemplateData) {
  return { name: input.name, bg_url: input.bg_url, height: input.height, width: input.width, fields: JSON.parse(storedFields(input.fields)) as CertificateField[] }
}

function authorName(ctx: EngineContext, id: number | null): string {
  if (!id) return ''
  const u = ctx.sql.first(userNameOf(id))
  return u ? fullName(u) : ''
}

/** Dates of a certificate row over its frozen values. */
function certificateValues(row: { field_values: string; issued_at: string; expires_at: string | null }, locale: Locale): Record<string, string> {
  return withDates(JSON.parse(row.field_values) as Record<string, string>, row.issued_at, row.expires_at, locale)
}

/** "2020-08-04 00:00:00" (the documented form, local time) or any ISO date. */
function parseIssueDate(text: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? text.replace(' ', 'T') : text)
  if (Number.isNaN(d.getTime())) throw invalid('newIssueDate', 'reason.issue_date_invalid')
  return d
}

const fileSafe = (s: string) => s.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'certificate'

/** Why a background is refused, as the reason that names its file. */
function backgroundRefused(name: string, r: BackgroundRefusal): [ReasonKey, ReasonValues] {
  if (r.why === 'unreadable') return ['reason.background_unreadable', { name }]
  if (r.why === 'unusable') return ['reason.background_size', { name, width: String(r.width), height: String(r.height) }]
  return ['reason.background_too_large', { name, width: String(r.width), height: String(r.height), megapixels: r.megapixels, maxSide: String(r.maxSide), maxMegapixels: r.maxMegapixels }]
}

export const certificateHandlers = defineHandlers({
  'certificateTemplates.lookup'(ctx) {
    return ctx.sql.all(ctx.qb.selectFrom('certificate_templates').select(['id', 'name']).orderBy(sortKeyOf('name')).orderBy('id'))
  },

  ...defineList('certificateTemplates.tabularList', {
    sort: { id: 'certificate_templates.id', name: sortKeyOf('certificate_templates.name'), author: 'author', created_at: 'certificate_templates.created_at' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'certificate_templates.id',
    query: (ctx) => {
      const base = ctx.qb.selectFrom('certificate_templates').leftJoin('users', 'users.id', 'certificate_templates.author_id')
      return {
        total: base.select('certificate_templates.id'),
        rows: base.select(['certificate_templates.id', 'certificate_templates.name', 'certificate_templates.created_at', fullNameExpr('users.first_name', 'users.last_name').as('author')]),
      }
    },
    filters: {
      templateName: containsText(['certificate_templates.name']),
      courseId: (courseId) =>
        typeof courseId === 'number'
          ? rawSql<boolean>`EXISTS (SELECT 1 FROM courses c, json_each(c.certificate_templates) j WHERE c.id = ${courseId} AND j.value = certificate_templates.id)`
          : undefined,
    },
    records: (rows, ctx) => {
      const coursesOf = new Map<number, string[]>()
      for (const c of ctx.sql.all(ctx.qb.selectFrom('courses').select(['id', 'name', 'certificate_templates']).where('certificate_templates', '!=', '[]').orderBy('id'))) {
        for (const id of JSON.parse(c.certificate_templates) as number[]) (coursesOf.get(id) ?? coursesOf.set(id, []).get(id)!).push(c.name)
      }
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        author: r.author?.trim() ?? '',
        courses: (coursesOf.get(r.id) ?? []).join(', '),
        created_at: dateTimeText(r.created_at),
      }))
    },
  }),

  'certificateTemplates.quickEdit'(ctx, input) {
    const ids = [...new Set(input.template_ids)]
    const found = new Set(ctx.sql.all(ctx.qb.selectFrom('certificate_templates').select('id').where('id', 'in', ids)).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw invalid('template_ids', 'reason.ids_invalid', { field: 'template_ids', ids: missing.join(', ') })
    if (input.author_id !== undefined) {
      if (missingUserIds(ctx, [input.author_id]).length) throw invalid('author_id', 'reason.author_invalid')
      for (const id of ids) {
        const { changes } = ctx.sql.run(
          ctx.qb
            .updateTable('certificate_templates')
            .set({ author_id: input.author_id, updated_at: ctx.nowIso() })
            .where('id', '=', id)
            .where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', '!=', input.author_id!)])),
        )
        if (changes) ctx.recordChange({ localId: id, input: { template_ids: [id], author_id: input.author_id } })
      }
    }
    return { message: 'Certificate Templates updated Successfully' }
  },

  'certificateTemplates.keysLookup'(ctx) {
    return certificateKeys(ctx.sql)
  },

  'certificateTemplates.fontFamilyLookup'() {
    return CERTIFICATE_FONTS.map((f, i) => ({ db_value: f, display_value: f, ...(i === 0 ? { is_selected: 'true' } : {}) }))
  },

  'certificateTemplates.create'(ctx, input) {
    const body = templateBodyOf(input)
    checkFields(ctx, body)
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('certificate_templates').values({
        name: body.name,
        bg_url: body.bg_url,
        width: body.width,
        height: body.height,
        fields: JSON.stringify(body.fields),
        author_id: ctx.actor()?.id ?? null,
        created_at: at,
        updated_at: at,
      }),
    )
    ctx.recordChange({ localId: id, input: body })
    return { id, message: 'Certificate Template created successfully' }
  },

  'certificateTemplates.get'(ctx, input) {
    return templateData(requireTemplate(ctx, input.id))
  },

  // PDFs are jobs (pdf-lib is asynchronous): never inside a transaction, cancellable between pages.
  'certificateTemplates.preview'(ctx, input, job) {
    const row = requireTemplate(ctx, input.id)
    const now = ctx.now()
    const values = { ...withDates(SAMPLE_VALUES, now.toISOString(), expiryOf(now, 12), documentLocale(ctx.sql)), ...customFieldValues(ctx.sql, null) }
    return certificatesPdf(ctx, [{ template: templateData(row), values }], `${fileSafe(row.name)}-preview.pdf`, job)
  },

  'certificateTemplates.update'(ctx, input) {
    const current = requireTemplate(ctx, input.id)
    const body = templateBodyOf(input)
    checkFields(ctx, body)
    const fields = JSON.stringify(body.fields)
    const changed =
      current.name !== body.name || current.bg_url !== body.bg_url || current.width !== body.width || current.height !== body.height || current.fields !== fields
    if (changed) {
      // Issued certificates keep their own copy; the version only tells them apart.
      ctx.sql.run(
        ctx.qb
          .updateTable('certificate_templates')
          .set({ name: body.name, bg_url: body.bg_url, width: body.width, height: body.height, fields, version: current.version + 1, updated_at: ctx.nowIso() })
          .where('id', '=', current.id),
      )
      ctx.recordChange({ localId: current.id, input: { id: current.id, ...body } })
    }
    return { id: current.id, message: 'Certificate Template updated successfully' }
  },

  'certificateTemplates.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const found = new Set(ctx.sql.all(ctx.qb.selectFrom('certificate_templates').select('id').where('id', 'in', ids)).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    const used = ids.filter((id) => coursesUsingTemplate(ctx, id).length > 0)
    const deleted = ids.filter((id) => !used.includes(id))
    for (const id of deleted) {
      ctx.sql.run(ctx.qb.deleteFrom('certificate_templates').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    let message = `${deleted.length} template(s) deleted`
    if (used.length) message += ` ${used.length} template(s) not deleted as it is used in course. Please remove the template(s) from the course and try again.`
    return { message }
  },

  ...defineList('userCertificates.list', {
    sort: { id: 'user_certificates.id', created_at: 'user_certificates.created_at', courseName: 'course_name', issueDate: 'user_certificates.issued_at' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'user_certificates.id',
    query: (ctx, input) => {
      const user = requireUser(ctx, input.id)
      const base = ctx.qb
        .selectFrom('user_certificates')
        .innerJoin('courses', 'courses.id', 'user_certificates.course_id')
        .where('user_certificates.user_id', '=', user.id)
      return {
        total: base.select('user_certificates.id'),
        rows: base.select([
          'user_certificates.id',
          'user_certificates.course_id',
          'user_certificates.user_id',
          'user_certificates.template_id',
          'user_certificates.code',
          'user_certificates.issued_at',
          'user_certificates.expires_at',
          'user_certificates.created_at',
          'courses.name as course_name',
          'courses.featured_image_url',
        ]),
      }
    },
    filters: {
      courseName: containsText(['courses.name']),
      courseCategoryIds: (ids) => inCourseCategories('user_certificates.course_id', ids),
    },
    records: (rows) =>
      rows.map((r) => ({
        id: r.id,
        courseId: r.course_id,
        userId: r.user_id,
        templateId: r.template_id,
        courseName: r.course_name,
        coursefeaturedImage: r.featured_image_url,
        issueDate: dateTimeText(r.issued_at),
        code: r.code,
        expiryDate: r.expires_at ? dateText(r.expires_at) : '',
      })),
  }),

  'userCertificates.delete'(ctx, input) {
    const row = ctx.sql.first(ctx.qb.selectFrom('user_certificates').select(['id']).where('id', '=', input.id))
    if (!row) throw notFound('reason.certificate_not_found', { id: String(input.id) })
    ctx.sql.run(ctx.qb.deleteFrom('user_certificates').where('id', '=', row.id))
    // Issued and removed before sync sent it: the hosted LMS never needs to hear of it.
    if (hasNeverAttempted(ctx.sql, 'user_certificate', row.id, 'courses.assignCertificate')) ctx.dropUnsentChanges('user_certificate', row.id)
    else ctx.recordChange({ localId: row.id, input: { id: row.id } })
    return { message: 'Certificate Deleted Successfully' }
  },

  'userCertificates.updateIssueDate'(ctx, input) {
    const row = ctx.sql.first(ctx.qb.selectFrom('user_certificates').select(['id', 'course_id', 'issued_at']).where('id', '=', input.rowId))
    if (!row) throw notFound('reason.certificate_not_found', { id: String(input.rowId) })
    const issued = parseIssueDate(input.newIssueDate)
    const course = requireCourse(ctx, row.course_id)
    if (issued.toISOString() !== row.issued_at) {
      ctx.sql.run(
        ctx.qb
          .updateTable('user_certificates')
          .set({ issued_at: issued.toISOString(), expires_at: expiryOf(issued, course.certificate_expires_after) })
          .where('id', '=', row.id),
      )
      ctx.recordChange({ localId: row.id, input: { rowId: row.id, newIssueDate: input.newIssueDate } })
    }
    return { message: 'Issue Date Updated Successfully' }
  },

  'courses.assignCertificate'(ctx, input) {
    const course = requireCourse(ctx, input.id)
    const ids = [...new Set(input.enrollmentIds)]
    const enrollments = ctx.sql.all(ctx.qb.selectFrom('enrollments').select(['id', 'user_id', 'course_id']).where('id', 'in', ids))
    const byId = new Map(enrollments.map((e) => [e.id, e]))
    const wrong = ids.filter((id) => byId.get(id)?.course_id !== course.id)
    if (wrong.length) throw invalid('enrollmentIds', 'reason.enrollments_not_of_course', { course: course.name, ids: wrong.join(', ') })
    const outcome = issueCertificates(ctx, { courseId: course.id, userIds: ids.map((id) => byId.get(id)!.user_id) })
    const enrollmentOf = new Map(enrollments.map((e) => [e.user_id, e.id]))
    for (const c of outcome.certificates) {
      ctx.recordChange({ localId: c.id, input: { id: course.id, enrollmentIds: [enrollmentOf.get(c.userId)!] } })
    }
    let message = outcome.issued > 0 ? `Certificate assigned sucessfully to ${outcome.issued} student(s)` : 'No certificate was assigned'
    if (outcome.skipped.length) message += `. Not assigned: ${outcome.skipped.map((s) => s.reason).join(' ')}`
    return { isSucess: outcome.issued > 0, message, issued: outcome.issued, skipped: outcome.skipped }
  },

  'certificates.previewDraft'(ctx, input, job) {
    const template = templateBodyOf(input.template)
    const now = ctx.now()
    const locale = documentLocale(ctx.sql, input.locale)
    let values: Record<string, string>
    if (input.userId !== undefined) {
      if (input.courseId === undefined) throw invalid('courseId', 'reason.preview_course_needed')
      const user = requireUser(ctx, input.userId)
      const course = requireCourse(ctx, input.courseId)
      const held = ctx.sql.first(
        ctx.qb.selectFrom('user_certificates').select(['code', 'issued_at', 'expires_at']).where('user_id', '=', user.id).where('course_id', '=', course.id),
      )
      const issued = held?.issued_at ?? now.toISOString()
      values = withDates(frozenValues(ctx.sql, user, course, held?.code ?? 'PREVIEW-0000-0000'), issued, held ? held.expires_at : expiryOf(now, course.certificate_expires_after), locale)
      values = { ...values, ...customFieldValues(ctx.sql, user.id) }
    } else {
      values = { ...withDates(SAMPLE_VALUES, now.toISOString(), expiryOf(now, 12), locale), ...customFieldValues(ctx.sql, null) }
    }
    return certificatesPdf(ctx, [{ template, values }], `${fileSafe(template.name)}-preview.pdf`, job)
  },

  'certificates.download'(ctx, input, job) {
    const ids = [...new Set(input.ids)]
    const rows = ctx.sql.all(
      ctx.qb
        .selectFrom('user_certificates')
        .innerJoin('users', 'users.id', 'user_certificates.user_id')
        .select(['user_certificates.id', 'template_snapshot', 'field_values', 'issued_at', 'expires_at', 'code', 'users.first_name', 'users.last_name'])
        .where('user_certificates.id', 'in', ids),
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    const missing = ids.filter((id) => !byId.has(id))
    if (missing.length) throw invalid('ids', 'reason.certificates_missing', { ids: missing.join(', ') })
    const locale = documentLocale(ctx.sql, input.locale)
    const pages = ids.map((id) => {
      const r = byId.get(id)!
      return { template: JSON.parse(r.template_snapshot) as CertificateTemplateData, values: certificateValues(r, locale) }
    })
    const first = byId.get(ids[0])!
    const name = ids.length === 1 ? `certificate-${fileSafe(fullName(first))}-${first.code}.pdf` : `certificates-${ids.length}.pdf`
    return certificatesPdf(ctx, pages, name, job)
  },

  'certificates.uploadBackground'(ctx, input) {
    const file =
      typeof input.file === 'string'
        ? { name: 'background', bytes: Buffer.from(input.file, 'utf8') }
        : { name: input.file.name, bytes: Buffer.from(input.file.contentBase64, 'base64') }
    if (!imageKindOf(file.bytes)) throw invalid('file', 'reason.background_not_image', { name: file.name })
    const size = backgroundSize(file.bytes)
    if (!size.ok) throw invalid('file', ...backgroundRefused(file.name, size.refusal))
    const ext = size.kind === 'png' ? 'png' : 'jpg'
    const name = /\.(png|jpe?g)$/i.test(file.name) ? file.name : `${file.name.replace(/\.[^.]*$/, '')}.${ext}`
    const stored = storeUpload(ctx, name, file.bytes)
    return { url: stored.url, width: size.width, height: size.height }
  },
})
