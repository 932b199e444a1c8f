// The files the engine writes, in the chosen language: the sign-in sheet PDF (Arabic laid
// out right-to-left and shaped), the attendance CSV headers and statuses, and the language
// the profile chose when the call names none. On the demo world in a real SQLite file.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput } from '../../src/shared/operations/index'
import { openTestEngine, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const CLASS = 1

async function sheetText(locale?: OpInput<'attendance.signInSheet'>['locale']): Promise<string> {
  const sheet = await t.async.call('attendance.signInSheet', { classId: CLASS, ...(locale ? { locale } : {}) })
  const file = path.join(t.dir, `sheet-${locale ?? 'profile'}.pdf`)
  fs.writeFileSync(file, Buffer.from(sheet.pdfBase64, 'base64'))
  execFileSync('qpdf', ['--check', file])
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8')
}

const csvHeader = (locale?: OpInput<'attendance.exportCsv'>['locale']) => t.call('attendance.exportCsv', { classId: CLASS, ...(locale ? { locale } : {}) }).csv.replace(/^\ufeff/, '').split('\r\n')

describe('the sign-in sheet and the attendance CSV in the chosen language', () => {
  it('writes the sheet in French, with its plural and page words', async () => {
    const text = await sheetText('fr')
    expect(text).toContain('Feuille d’émargement')
    expect(text).toMatch(/Page 2 sur 2/)
    expect(text).toMatch(/40 participants/)
    expect(text).not.toContain('Sign-in sheet')
    expect(text).toContain('Łukasz')
  })

  it('writes the sheet in Arabic: the words read back as Arabic, Latin names and emails kept whole', async () => {
    const text = await sheetText('ar')
    // pdftotext reads the shaped glyphs back to their letters, in reading order.
    expect(text).toContain('ورقة توقيع الحضور')
    expect(text).toContain('التوقيع')
    expect(text).not.toContain('Sign-in sheet')
    expect(text).toContain('student@demo.aomlms.com')
    expect(text).toContain('Łukasz')
  })

  it('names the CSV columns and statuses in the language; the values stay as stored', () => {
    t.call('classes.updateStatus', { id: 3, status: 'No Show' })
    const [fr] = csvHeader('fr')
    expect(fr).toBe('Session,Formation,Date,Lieu,Nom,Adresse e-mail,Présence,Pointé le,Remarque')
    const ar = csvHeader('ar')
    expect(ar[0]).toBe('الجلسة,الدورة,التاريخ,المكان,الاسم,البريد الإلكتروني,الحالة,وقت التسجيل,ملاحظة')
    expect(ar.find((l) => l.includes('student@demo.aomlms.com'))).toContain(',غائب,')
    // The database keeps the API's status whatever the file's language.
    expect(t.engine.sql.raw.prepare('SELECT status FROM class_enrollments WHERE id = 3').get()).toEqual({ status: 'No Show' })
  })

  it("uses the profile's language when the call names none, and English without a choice", async () => {
    expect(csvHeader()[0]).toMatch(/^Class,Course,Date/)
    t.call('app.setLocale', { locale: 'es' })
    expect(csvHeader()[0]).toMatch(/^Clase,/)
    expect(await sheetText()).toContain('Hoja de firmas')
    // A language named in the call wins over the profile's.
    expect(csvHeader('fr')[0]).toMatch(/^Session,/)
    t.call('app.setLocale', { locale: null })
    expect(csvHeader()[0]).toMatch(/^Class,/)
  })
})
