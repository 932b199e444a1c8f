// Issue 14, finding 5: the error CSV carries the file's own columns (its header and each
// failed row's cells) plus what is wrong, so it can be fixed and imported again; its cells
// cannot run as spreadsheet formulas, and a cell neutralised that way reads back as it was.
// Real engine, real SQLite file, demo world.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { importCalls } from './import-helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const { call } = importCalls(() => t.async)


// A semicolon file as a German Excel saves it, with a column the import keeps as a custom field.
const ORIGINAL = [
  'E-Mail;Vorname;Nachname;Telefon;Kurse',
  'good.one@example.org;Gut;Eins;+441130000001;First Aid at Work',
  '=HYPERLINK("http://evil");Eve;Böse;+441130000002;',
  'no.first@example.org;;Ohne;+441130000003;First Aid at Work',
  'typo.course@example.org;Tippo;Fehler;+441130000004;First Aid at Wrok',
  'good.two@example.org;Gut;Zwei;+441130000005;',
].join('\r\n')
const SETTINGS = { columns: { Telefon: 'custom' } } as const

describe('the error CSV', () => {
  it('holds the original header and cells of the failed rows, formula-safe, beside the problems', async () => {
    const { csv, fileName } = await call('import.errorCsv', ORIGINAL, { ...SETTINGS, fileName: 'mitarbeiter.csv' })
    expect(fileName).toBe('mitarbeiter-errors.csv')
    expect(csv.startsWith('\ufeff')).toBe(true)
    const lines = csv.slice(1).split('\r\n').filter(Boolean)
    // The file's delimiter is kept, so the spreadsheet that made it opens it the same way.
    expect(lines[0]).toBe('Import problems;E-Mail;Vorname;Nachname;Telefon;Kurse')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toBe(`"Row 3, E-Mail: The email must be a valid email address.";"'=HYPERLINK(""http://evil"")";Eve;Böse;'+441130000002;`)
    expect(lines[2]).toMatch(/^"Row 4, Vorname: The first name field is required\.";no\.first@example\.org;;Ohne;'\+441130000003;First Aid at Work$/)
    expect(lines[3]).toContain('First Aid at Wrok')
    expect(lines[3]).toContain('"First Aid at Work"')
    expect(csv).not.toMatch(/[;\n]=HYPERLINK/)
  })

  it('fixed in a spreadsheet and imported again, every row goes in, the neutralised cells as they were', async () => {
    await call('import.commit', ORIGINAL, SETTINGS)
    const { csv } = await call('import.errorCsv', ORIGINAL, SETTINGS)
    // What a person does in the spreadsheet: fix the three cells, save (as CSV with semicolons).
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data
    parsed[1][1] = 'eve.boese@example.org'
    parsed[2][2] = 'Otto'
    parsed[3][5] = 'First Aid at Work'
    const fixed = Papa.unparse(parsed, { delimiter: ';', newline: '\r\n' })
    const check = await call('import.dryRun', fixed, SETTINGS)
    expect(check.errors).toEqual([])
    expect(check.columns[0]).toMatchObject({ header: 'Import problems', field: 'ignore', unknown: false })
    const again = await call('import.commit', fixed, SETTINGS)
    expect(again).toMatchObject({ created: 3, failed: 0 })
    const eve = rows(t.engine, "SELECT first_name, custom_user_metas FROM users WHERE email = 'eve.boese@example.org'")[0]
    expect(eve.first_name).toBe('Eve')
    expect(JSON.parse(eve.custom_user_metas)).toEqual(['Telefon: +441130000002'])
    const enrolled = rows(t.engine, "SELECT course_id FROM enrollments WHERE user_id = (SELECT id FROM users WHERE email = 'typo.course@example.org')")
    expect(enrolled.map((e) => e.course_id)).toEqual([3])
  })

  it('an error CSV imported with problems left gives an error CSV with the new problems only', async () => {
    const first = await call('import.errorCsv', ORIGINAL, SETTINGS)
    const again = await call('import.errorCsv', first.csv, SETTINGS)
    const lines = again.csv.slice(1).split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('Import problems;E-Mail;Vorname;Nachname;Telefon;Kurse')
    expect(lines[2]).toMatch(/^"Row 3, Vorname: The first name field is required\.";no\.first@example\.org;;Ohne;'\+441130000003;First Aid at Work$/)
  })

  it('still turns a list of errors into a CSV for tools that send one', async () => {
    const out = await t.async.call('import.errorCsv', { errors: [{ row: 2, column: 'email', value: '@SUM(A1)', message: 'bad' }] })
    expect(out.csv).toBe("\ufeffrow,column,value,message\r\n2,email,'@SUM(A1),bad\r\n")
  })
})
