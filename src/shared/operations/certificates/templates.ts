// Certificate Templates group, and the app operations of the template editor: a live preview
// of an unsaved template and its background upload.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import type { BinaryAnswer } from '../../contract/binary'
import { id, idList, listParams, type ListPage } from '../../contract/list-params'
import { jobId } from '../../contract/fields'
import { uploadedFile } from '../assignments'
import { LOCALES } from '../../i18n/locales'
import { CERTIFICATE_PHASES, templateBody, type CertificateTemplateData } from './template'

export interface CertificateTemplateListRecord {
  id: number
  name: string
  author: string
  courses: string
  created_at: string
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
