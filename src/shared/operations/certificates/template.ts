// What a certificate template draws: the documented keys, fonts, placed fields and size.
import { z } from 'zod'
import { intLike } from '../../contract/list-params'
import { optionalString, requiredString } from '../../contract/fields'

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

export const templateBody = {
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

/** A PDF job finds each background (fetched once, then kept), then draws the pages; both count pages. */
export const CERTIFICATE_PHASES = ['backgrounds', 'rendering'] as const
