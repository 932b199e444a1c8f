// The demo world's certificate layouts, laid out as a training company issues them: who
// issues it, a heading, the learner, the course, the date of issue (and the date it expires
// when the course's certificates expire), the certificate code with its QR code for checking,
// and the instructor who signs. Field boxes are in template points, top-left origin; texts
// shrink to their box, so a line of underscores draws a rule exactly as wide as its box.
import type { CertificateField, CertificateFont } from '../../../shared/operations/certificates'

const NAVY = '#1f3a5f'
const INK = '#1a1a1a'
const MUTED = '#5f5f5f'
const GOLD = '#8a6a2c'
const RULE = '_'.repeat(60)

interface Box {
  top: number
  left: number
  width: number
  height: number
}

function text(value: string, box: Box, font_size: number, font_family: CertificateFont, font_color: string, align_center = true): CertificateField {
  return { key: 'custom_text', value, font_size, align_center, font_family, font_color, ...box }
}

function value(key: string, label: string, box: Box, font_size: number, font_family: CertificateFont, font_color = INK, align_center = true): CertificateField {
  return { key, value: label, font_size, align_center, font_family, font_color, ...box }
}

/** A value written over a rule with its caption below: a date, or the signatory. */
function signedLine(key: string, label: string, caption: string, left: number, top: number, width: number, font: CertificateFont = 'Arial', size = 17): CertificateField[] {
  return [
    value(key, label, { top, left, width, height: 28 }, size, font),
    text(RULE, { top: top + 24, left, width, height: 12 }, 12, 'Arial', '#9a9a9a'),
    text(caption, { top: top + 40, left, width, height: 18 }, 11, 'Arial', MUTED),
  ]
}

/** The QR code of the certificate code, the code under it, and how to check it. */
function verification(centre: number, top: number): CertificateField[] {
  return [
    value('certificate_qr_code', 'Certificate Code (QR code)', { top, left: centre - 48, width: 96, height: 96 }, 20, 'Arial'),
    value('certificate_code', 'Certificate Code', { top: top + 102, left: centre - 130, width: 260, height: 20 }, 13, 'Courier-Bold'),
    text('Scan or quote this code to verify the certificate', { top: top + 122, left: centre - 150, width: 300, height: 14 }, 9, 'Arial', MUTED),
  ]
}

/** Who issues the certificate, above its heading. */
const issuer = (top: number, left: number, size: number) => text('AOM TRAINING ACADEMY', { top, left, width: 600, height: size + 9 }, size, 'Helvetica', GOLD)

/**
 * The lower third of the 1070×827 page from `top`: the dates on the left (the expiry under the
 * issue date when there is one), the code with its QR code in the middle, the instructor's
 * signature line on the right.
 */
function closing(top: number, withExpiry: boolean): CertificateField[] {
  const dates = withExpiry
    ? [...signedLine('issue_date', 'Date of Issue', 'Date of issue', 120, top, 260), ...signedLine('expiry_date', 'Date of Expiry', 'Valid until', 120, top + 82, 260)]
    : signedLine('issue_date', 'Date of Issue', 'Date of issue', 120, top + 42, 260)
  return [...dates, ...verification(535, top), ...signedLine('instructor_name', 'Instructor Name', 'Course instructor', 690, top + 42, 260, 'Times-Bold', 20)]
}

/**
 * "Certificate of Completion" on the 1070×827 page (template 1, and 4 with an expiry date for
 * courses whose certificates expire).
 */
export function completionLayout(withExpiry: boolean): CertificateField[] {
  return [
    issuer(92, 235, 13),
    text('Certificate of Completion', { top: 120, left: 135, width: 800, height: 64 }, 46, 'Times-Bold', NAVY),
    text('This is to certify that', { top: 214, left: 285, width: 500, height: 28 }, 18, 'Times-Roman', MUTED),
    value('student_full_name', 'Student Full Name', { top: 250, left: 135, width: 800, height: 60 }, 40, 'Times-Bold'),
    text('has successfully completed the course', { top: 322, left: 285, width: 500, height: 28 }, 18, 'Times-Roman', MUTED),
    value('course_name', 'Course Name', { top: 360, left: 135, width: 800, height: 46 }, 28, 'DejaVuSans-Bold', NAVY),
    ...closing(520, withExpiry),
  ]
}

/** "Safety Passport" on the 1070×827 page (template 3): credits earned, and it expires. */
export function safetyPassportLayout(): CertificateField[] {
  return [
    issuer(92, 235, 13),
    text('Safety Passport', { top: 118, left: 135, width: 800, height: 62 }, 44, 'DejaVuSans-Bold', NAVY),
    text('Workplace safety training record', { top: 180, left: 285, width: 500, height: 24 }, 15, 'Helvetica', MUTED),
    text('Awarded to', { top: 226, left: 385, width: 300, height: 26 }, 17, 'Helvetica', MUTED),
    value('student_full_name', 'Student Full Name', { top: 258, left: 135, width: 800, height: 56 }, 36, 'DejaVuSans-Bold'),
    text('for successfully completing', { top: 322, left: 335, width: 400, height: 26 }, 17, 'Helvetica', MUTED),
    value('course_name', 'Course Name', { top: 354, left: 135, width: 800, height: 46 }, 30, 'Times-Bold', NAVY),
    text('Credits earned:', { top: 410, left: 425, width: 118, height: 26 }, 16, 'Helvetica', MUTED, false),
    value('course_credit', 'Course Credit', { top: 410, left: 545, width: 100, height: 26 }, 16, 'DejaVuSans-Bold', INK, false),
    ...closing(530, true),
  ]
}

/** "Completion-Certificate" on the wide 1075×680 page (template 2). */
export function wideCompletionLayout(): CertificateField[] {
  return [
    issuer(84, 238, 12),
    text('Certificate of Completion', { top: 106, left: 138, width: 800, height: 56 }, 40, 'Times-Bold', '#5a2a27'),
    text('Presented to', { top: 174, left: 388, width: 300, height: 24 }, 16, 'Times-Roman', MUTED),
    value('student_full_name', 'Student Full Name', { top: 202, left: 138, width: 800, height: 52 }, 36, 'Times-Bold'),
    text('for completing', { top: 262, left: 388, width: 300, height: 24 }, 16, 'Times-Roman', MUTED),
    value('course_name', 'Course Name', { top: 292, left: 138, width: 800, height: 40 }, 24, 'DejaVuSans-Bold', '#5a2a27'),
    ...signedLine('issue_date', 'Date of Issue', 'Date of issue', 130, 470, 240),
    ...verification(537, 420),
    ...signedLine('instructor_name', 'Instructor Name', 'Course instructor', 705, 470, 240, 'Times-Bold', 19),
  ]
}
