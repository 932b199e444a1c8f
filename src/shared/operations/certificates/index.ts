// Certificate Templates group, issued certificates (Users and Courses groups), and the
// app operations the certificates screen needs: a live preview of an unsaved template,
// downloads of issued certificates, the learners of a course who can get one.
import { certificatesDownload, certificatesCandidates, certificatesIssueFinished, coursesAssignCertificate, userCertificatesDelete, userCertificatesList, userCertificatesUpdateIssueDate } from './issued'
import {
  certificatesPreviewDraft,
  certificatesUploadBackground,
  certificateTemplatesCreate,
  certificateTemplatesDelete,
  certificateTemplatesFontFamilyLookup,
  certificateTemplatesGet,
  certificateTemplatesKeysLookup,
  certificateTemplatesLookup,
  certificateTemplatesPreview,
  certificateTemplatesQuickEdit,
  certificateTemplatesTabularList,
  certificateTemplatesUpdate,
} from './templates'

export { CERTIFICATE_FONTS, CERTIFICATE_KEYS, certificateField, MAX_TEMPLATE_SIZE, QR_KEY, type CertificateField, type CertificateFieldInput, type CertificateFont, type CertificateKey, type CertificateTemplateData } from './template'
export * from './templates'
export * from './issued'

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
