// Issued certificates (Users and Courses groups), their download, and the learners of a
// course who can get one.
import type { Reason } from '../../contract/result'
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import type { BinaryAnswer } from '../../contract/binary'
import { id, idList, intLike, listParams, type ListPage } from '../../contract/list-params'
import { jobId, requiredString } from '../../contract/fields'
import { LOCALES } from '../../i18n/locales'
import { CERTIFICATE_PHASES } from './template'

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
