// Certificate Templates group, issued certificates (Users and Courses groups), and the
// app operations the certificates screen needs: a live preview of an unsaved template,
// downloads of issued certificates, the learners of a course who can get one.
import type { Reason } from '../contract/result'
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import type { BinaryAnswer } from '../contract/binary'
import { id, idList, intLike, listParams, type ListPage } from '../contract/list-params'
import { jobId, optionalString, requiredString } from '../contract/fields'
import { uploadedFile } from './assignments'
import { LOCALES } from '../i18n/locales'

/** The documented keys, in the documented order. Custom user fields marked for certificates follow them as `custom_field_<id>`. */
export const CERTIFICATE_KEYS = [
  ['student_first_name', 'Student First Name'],
  ['student_last_name', 'Student Last Name'],
  ['student_full_name', 'Student Full Name'],
  ['course_name', 'Course Name'],
  ['issue_date', 'Date of Issue'],
  ['expiry_date', 'Date of Expiry'],
  ['instructor_name', 'Instructor Name'],
  ['certificate_code', 'Certificate Code'],
  ['course_credit', 'Course Credit'],
  ['custom_text', 'Custom Text'],
] as const
export type CertificateKey = (typeof CERTIFICATE_KEYS)[number][0]

/** An app-only key: the certificate code as a QR code, drawn into the field's box. */
export const QR_KEY = 'certificate_qr_code'

export const CERTIFICATE_FONTS = [
  'Arial',
  'Courier',
  'Times-Roman',
  'Helvetica',
  'Times-Bold',
  'Courier-Bold',
  'DejaVuSans-Bold',
  'DejaVuSansMono-Bold',
] as const
export type CertificateFont = (typeof CERTIFICATE_FONTS)[number]

export const MAX_TEMPLATE_SIZE = 5000
const coordinate = (label: string) => z.union([z.number(), z.string().trim().regex(/^-?\d{1,6}(\.\d{1,4})?$/, { error: `The ${label} must be a number.` })]).transform(Number).pipe(z.number().min(-MAX_TEMPLATE_SIZE).max(MAX_TEMPLATE_SIZE))
const extent = (label: string) => z.union([z.number(), z.string().trim().regex(/^\d{1,6}(\.\d{1,4})?$/, { error: `The ${label} must be a number.` })]).transform(Number).pipe(z.number().min(1, { error: `The ${label} must be at least 1.` }).max(MAX_TEMPLATE_SIZE))

export const certificateField = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'The field key must be a certificate key such as student_full_name.' }),
  /** The label shown in the editor; for custom_text, the text printed. */
  value: z.string().max(1000).default(''),
  font_size: intLike('font size', 4, 400),
  align_center: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  font_family: z.enum(CERTIFICATE_FONTS, { error: `The font family must be one of ${CERTIFICATE_FONTS.join(', ')}.` }).default('Arial'),
  font_color: z.string().trim().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'The font color must be a hex colour like #222 or #1a2b3c.' }).default('#222'),
  top: coordinate('top'),
  left: coordinate('left'),
  width: extent('width'),
  height: extent('height'),
  show_tools: z.boolean().optional(),
})
export type CertificateField = z.output<typeof certificateField>
export type CertificateFieldInput = z.input<typeof certificateField>

const templateBody = {
  name: requiredString('name'),
  bg_url: optionalString('bg url', 2048),
  height: intLike('height', 50, MAX_TEMPLATE_SIZE),
  width: intLike('width', 50, MAX_TEMPLATE_SIZE),
  fields: z.array(certificateField).max(100).default([]),
}

/** What a template draws; also the frozen copy kept with each issued certificate. */
export interface CertificateTemplateData {
  name: string
  bg_url: string | null
  height: number
  width: number
  fields: CertificateField[]
}

export interface CertificateTemplateListRecord {
  id: number
  name: string
  author: string
  courses: string
  created_at: string
}

export interface UserCertificateRecord {
  id: number
  courseId: number
  userId: number
  templateId: number | null
  courseName: string
  coursefeaturedImage: string | null
  issueDate: string
  /** Not in the documented example; the screen shows them. */
  code: string
  expiryDate: string
}

type Option = { db_value: string; display_value: string }

export const certificateTemplatesLookup = defineOperation({
  name: 'certificateTemplates.lookup',
  summary: 'Certificate templates for dropdowns',
  kind: 'read',
  method: 'GET',
  route: 'api/certificate_templates/lookup',
  input: z.object({}),
  output: returns<{ id: number; name: string }[]>(),
})

export const certificateTemplatesTabularList = defineOperation({
  name: 'certificateTemplates.tabularList',
  summary: 'Certificate templates in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/certificate_templates/tabularlist',
  input: z.object(
    listParams(
      ['id', 'name', 'author', 'created_at'] as const,
      z.object({
        templateName: z.string().max(255).optional(),
        courseId: z.union([id, z.literal(''), z.null()]).optional(),
      }),
    ),
  ),
  output: returns<ListPage<CertificateTemplateListRecord>>(),
})

export const certificateTemplatesQuickEdit = defineOperation({
  name: 'certificateTemplates.quickEdit',
  summary: 'Change the author of several templates',
  kind: 'write',
  method: 'POST',
  route: 'api/certificate_templates/quickEdit',
  input: z.object({ template_ids: idList.min(1, { error: 'The template ids field is required.' }).max(1000), author_id: id.optional() }),
  output: returns<{ message: string }>(),
  sync: { entity: 'certificate_template', refs: { template_ids: 'certificate_template', author_id: 'user' } },
})

export const certificateTemplatesKeysLookup = defineOperation({
  name: 'certificateTemplates.keysLookup',
  summary: 'Keys a certificate field can print',
  kind: 'read',
  method: 'GET',
  route: 'api/certificate_template/keysLookup',
  input: z.object({}),
  output: returns<Option[]>(),
})

export const certificateTemplatesFontFamilyLookup = defineOperation({
  name: 'certificateTemplates.fontFamilyLookup',
  summary: 'Fonts a certificate field can use',
  kind: 'read',
  method: 'GET',
  route: 'api/certificate_template/fontFamilyLookup',
  input: z.object({}),
  output: returns<(Option & { is_selected?: string })[]>(),
})

export const certificateTemplatesCreate = defineOperation({
  name: 'certificateTemplates.create',
  summary: 'Create a certificate template',
  kind: 'write',
  method: 'POST',
  route: 'api/certificate_template',
  input: z.object(templateBody),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'certificate_template', refs: {} },
})

export const certificateTemplatesGet = defineOperation({
  name: 'certificateTemplates.get',
  summary: 'One certificate template',
  kind: 'read',
  method: 'GET',
  route: 'api/certificate_template/{id}',
  input: z.object({ id }),
  output: returns<CertificateTemplateData>(),
})

/** A PDF job finds each background (fetched once, then kept), then draws the pages; both count pages. */
const CERTIFICATE_PHASES = ['backgrounds', 'rendering'] as const

export const certificateTemplatesPreview = defineOperation({
  name: 'certificateTemplates.preview',
  summary: 'A template as a PDF with sample data',
  kind: 'job',
  writes: false,
  phases: CERTIFICATE_PHASES,
  method: 'GET',
  route: 'api/certificate_template/preview/{id}',
  input: z.object({ id, jobId }),
  output: returns<BinaryAnswer>(),
})

export const certificateTemplatesUpdate = defineOperation({
  name: 'certificateTemplates.update',
  summary: 'Update a certificate template',
  kind: 'write',
  method: 'PUT',
  route: 'api/certificate_template/{id}',
  input: z.object({ id, ...templateBody }),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'certificate_template', refs: { id: 'certificate_template' } },
})

export const certificateTemplatesDelete = defineOperation({
  name: 'certificateTemplates.delete',
  summary: 'Delete certificate templates not used by a course',
  kind: 'write',
  method: 'POST',
  route: 'api/certificate_template/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }).max(1000) }),
  output: returns<{ message: string }>(),
  sync: { entity: 'certificate_template', refs: { delete_ids: 'certificate_template' } },
})

export const userCertificatesList = defineOperation({
  name: 'userCertificates.list',
  summary: "A user's certificates in pages",
  kind: 'read',
  method: 'GET',
  route: 'api/user-certificates/{id}',
  input: z.object({
    id,
    ...listParams(
      ['id', 'created_at', 'courseName', 'issueDate'] as const,
      z.object({
        courseCategoryIds: z.array(z.union([z.number(), z.string()])).max(1000).optional(),
        courseName: z.string().max(255).optional(),
      }),
    ),
  }),
  output: returns<ListPage<UserCertificateRecord>>(),
})

export const userCertificatesDelete = defineOperation({
  name: 'userCertificates.delete',
  summary: 'Remove a certificate from a user',
  kind: 'write',
  method: 'PUT',
  route: 'api/user/{id}/delete-certificate',
  // The reference names the certificate `id` in the body and leaves the path's `{id}` a
  // literal placeholder. Path parameters win over body fields of the same name in every
  // transport here (server, typed client, sync), so both carry the certificate's id.
  input: z.object({ id }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user_certificate', refs: { id: 'user_certificate' } },
})

export const userCertificatesUpdateIssueDate = defineOperation({
  name: 'userCertificates.updateIssueDate',
  summary: 'Change the issue date of a certificate',
  kind: 'write',
  method: 'PUT',
  route: 'api/update-certificate-issue-date',
  input: z.object({
    rowId: id,
    newIssueDate: requiredString('new issue date', 40).refine((v) => !Number.isNaN(Date.parse(v.replace(' ', 'T'))), {
      error: 'The new issue date is not a valid date.',
    }),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user_certificate', refs: { rowId: 'user_certificate' } },
})

export const coursesAssignCertificate = defineOperation({
  name: 'courses.assignCertificate',
  summary: 'Issue certificates to enrolled learners who completed the course',
  kind: 'write',
  method: 'POST',
  route: 'api/course/assignCertificate/{id}',
  input: z.object({ id, enrollmentIds: idList.min(1, { error: 'The enrollment ids field is required.' }).max(10_000) }),
  output: returns<{ isSucess: boolean; message: string; issued: number; skipped: { userId: number; reason: string; reasonCode?: Reason }[] }>(),
  sync: { entity: 'user_certificate', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

// App operations (POST /app/<name>).

/** Sample values, or a real learner's (userId with courseId). */
const previewSubject = {
  userId: id.optional(),
  courseId: id.optional(),
}

export const certificatesPreviewDraft = defineOperation({
  name: 'certificates.previewDraft',
  summary: 'An unsaved template as a PDF, with sample data or a real learner',
  kind: 'job',
  writes: false,
  phases: CERTIFICATE_PHASES,
  method: 'POST',
  route: null,
  // `locale`: the language the dates print in (the template's text is its own); else the profile's.
  input: z.object({ template: z.object(templateBody), ...previewSubject, locale: z.enum(LOCALES).optional(), jobId }),
  output: returns<BinaryAnswer>(),
})

export const certificatesDownload = defineOperation({
  name: 'certificates.download',
  summary: 'Issued certificates as one PDF, a page each',
  kind: 'job',
  writes: false,
  phases: CERTIFICATE_PHASES,
  method: 'POST',
  route: null,
  input: z.object({ ids: idList.min(1, { error: 'Choose at least one certificate.' }).max(500), locale: z.enum(LOCALES).optional(), jobId }),
  output: returns<BinaryAnswer>(),
})

export interface CertificateCandidate {
  enrollmentId: number
  userId: number
  name: string
  email: string
  status: string
  /** ISO time the learner finished, or null. */
  completedAt: string | null
  certificateId: number | null
  certificateCode: string | null
  /** ISO time the certificate was issued, or null. */
  issuedAt: string | null
}

/** Which of a course's learners a page shows: everyone, who finished, who finished and holds none yet, who holds one. */
export const CANDIDATE_SHOWS = ['all', 'finished', 'issuable', 'holders'] as const
export type CandidateShow = (typeof CANDIDATE_SHOWS)[number]

/** Counts over the whole course, whatever the page shows. */
export interface CandidateCounts {
  enrolled: number
  finished: number
  /** Finished and holding no certificate of the course yet. */
  issuable: number
  holders: number
}

export const certificatesCandidates = defineOperation({
  name: 'certificates.candidates',
  summary: "A course's learners in pages, with their completion and certificate, and real counts",
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    courseId: id,
    ...listParams(
      ['name', 'status', 'completedAt', 'issuedAt'] as const,
      z.object({ nameOrEmail: z.string().max(255).optional(), show: z.enum(CANDIDATE_SHOWS).optional() }),
    ),
  }),
  output: returns<ListPage<CertificateCandidate> & { courseName: string; templateId: number | null; counts: CandidateCounts }>(),
})

export const certificatesIssueFinished = defineOperation({
  name: 'certificates.issueFinished',
  summary: 'Issue certificates to the next learners of a course who finished and hold none (a batch a call)',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ courseId: id, batchSize: intLike('batch size', 1, 500).default(100) }),
  output: returns<{ issued: number; skipped: { userId: number; reason: string; reasonCode?: Reason }[]; remaining: number }>(),
  // Each certificate is queued as the documented course/assignCertificate call.
  sync: null,
})

export const certificatesUploadBackground = defineOperation({
  name: 'certificates.uploadBackground',
  summary: 'Store a PNG or JPEG background for a template',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ file: uploadedFile }),
  output: returns<{ url: string; width: number; height: number }>(),
  sync: null,
})

export const certificateOperations = [
  certificateTemplatesLookup,
  certificateTemplatesTabularList,
  certificateTemplatesQuickEdit,
  certificateTemplatesKeysLookup,
  certificateTemplatesFontFamilyLookup,
  certificateTemplatesCreate,
  certificateTemplatesGet,
  certificateTemplatesPreview,
  certificateTemplatesUpdate,
  certificateTemplatesDelete,
  userCertificatesList,
  userCertificatesDelete,
  userCertificatesUpdateIssueDate,
  coursesAssignCertificate,
  certificatesPreviewDraft,
  certificatesDownload,
  certificatesCandidates,
  certificatesIssueFinished,
  certificatesUploadBackground,
] as const
