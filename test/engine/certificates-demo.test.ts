// The demo world's certificates look like ones a training company issues: every template a
// course uses prints who issues it, a heading, the learner, the course, the labelled date of
// issue, the labelled expiry date exactly when the course's certificates expire, the code
// with a QR code that reads back to it, and the signing instructor. Checked on the PDFs the
// demo's issued certificates download as (qpdf, pdftotext, zbarimg).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BinaryAnswer } from '../../src/shared/contract/binary'
import { canReadQrCodes, checkPdf, qrCodesIn } from './certificates-pdf'
import { openTestEngine, rows, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeAll(async () => {
  t = await openTestEngine({ demo: true })
})
afterAll(() => t.dispose())

interface Issued {
  id: number
  code: string
  course: string
  expires_at: string | null
  template_id: number
  learner: string
  instructor: string
  credits: number | null
}

/** One issued certificate of each template the demo's courses use. */
function onePerTemplate(): Issued[] {
  return rows<Issued>(
    t.engine,
    `SELECT uc.id, uc.code, c.name AS course, uc.expires_at, uc.template_id, c.credits,
            json_extract(uc.field_values, '$.student_full_name') AS learner, json_extract(uc.field_values, '$.instructor_name') AS instructor
       FROM user_certificates uc JOIN courses c ON c.id = uc.course_id
      WHERE uc.id IN (SELECT min(id) FROM user_certificates GROUP BY template_id)
      ORDER BY uc.template_id`,
  )
}

const download = async (id: number) => await t.async.call('certificates.download', { ids: [id] })

describe("the demo world's certificates", () => {
  it('are issued from finished templates: heading, learner, course, dates, code, signatory', async () => {
    const issued = onePerTemplate()
    // cert 1 (no expiry), Safety Passport (course 3), and the completion certificate that expires.
    expect(issued.map((c) => c.template_id)).toEqual([1, 3, 4])
    expect(issued.filter((c) => c.expires_at !== null).map((c) => c.template_id)).toEqual([3, 4])
    for (const c of issued) {
      const pdf = await download(c.id)
      expect(pdf.warnings, c.course).toEqual([])
      const { text, pages } = checkPdf(pdf.bytes)
      const flat = text.replace(/\s+/g, ' ')
      expect(pages).toBe(1)
      expect(flat).toContain('AOM TRAINING ACADEMY')
      expect(flat).toMatch(/Certificate of Completion|Safety Passport/)
      expect(flat).toContain(c.learner)
      expect(flat).toContain(c.course)
      expect(flat).toContain('Date of issue')
      expect(flat).toMatch(/[A-Z][a-z]{2} \d{2}, \d{4}/)
      expect(flat).toContain(c.code)
      expect(c.instructor).not.toBe('')
      expect(flat).toContain(c.instructor)
      expect(flat).toContain('Course instructor')
      // The expiry is printed, and labelled, exactly when the course's certificates expire.
      expect(flat.includes('Valid until'), c.course).toBe(c.expires_at !== null)
      // A number is never printed bare: credits come with their label.
      if (c.template_id === 3) expect(flat).toContain(`Credits earned: ${c.credits}`)
    }
  })

  it.skipIf(!canReadQrCodes)('carry a QR code that reads back to the certificate code', async () => {
    for (const c of onePerTemplate()) expect(qrCodesIn((await download(c.id)).bytes), c.course).toEqual([c.code])
  })

  it('preview every template with sample data, labelled, without warnings', async () => {
    for (const id of [1, 2, 3, 4]) {
      const pdf = await t.async.call('certificateTemplates.preview', { id })
      expect(pdf.warnings).toEqual([])
      const flat = checkPdf(pdf.bytes).text.replace(/\s+/g, ' ')
      expect(flat).toContain('Zoë Łukasz Kowalski')
      expect(flat).toContain('Date of issue')
      expect(flat).toContain('SAMPLE-0000-0000')
    }
  })
})
