// The formatting layer: the API's date texts read back, and dates, plurals, lists and
// name order per locale (Node's full ICU, as Chromium has).
import { afterEach, describe, expect, it } from 'vitest'
import { apiDateToIso, parseApiDate } from '../../src/shared/format/api-dates'
import { compareNames, decimalInput, formatDate, formatDateTime, formatList, formatNumber, formatPercent, formatTime, plural, setAppLocale } from '../../src/renderer/src/lib/format'

afterEach(() => setAppLocale(undefined))

describe('parseApiDate', () => {
  const local = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(y, m - 1, d, h, mi).toISOString()
  it.each([
    ['Aug 06, 2020 07:20 AM', local(2020, 8, 6, 7, 20)],
    ['Aug 06, 2020 12:05 AM', local(2020, 8, 6, 0, 5)],
    ['Dec 31, 2020 12:30 PM', local(2020, 12, 31, 12, 30)],
    ['Aug 09, 2020', local(2020, 8, 9)],
    ['09-Aug-2020', local(2020, 8, 9)],
    ['09-Jan-2024 03:00 PM', local(2024, 1, 9, 15, 0)],
    ['03 Aug 2020 09:08 AM', local(2020, 8, 3, 9, 8)],
    ['03 Aug 2020', local(2020, 8, 3)],
    ['2020-08-09', local(2020, 8, 9)],
    ['2020-08-09 07:20:00', '2020-08-09T07:20:00.000Z'],
    ['2020-08-09T07:20:00.000000Z', '2020-08-09T07:20:00.000Z'],
    ['2020-08-09T09:20:00+02:00', '2020-08-09T07:20:00.000Z'],
  ])('%s', (text, iso) => {
    expect(apiDateToIso(text)).toBe(iso)
  })

  it.each(['', '   ', 'tomorrow', '31-Feb-2020', 'Foo 06, 2020', 'Aug 06, 2020 13:20 PM', '2020-13-01', null, undefined])(
    'refuses %j',
    (text) => {
      expect(parseApiDate(text as string)).toBeNull()
    },
  )
})

describe('formatting by locale', () => {
  const day = '2026-10-18T09:21:31.000Z'

  it('shows every date shape the screens get in one format', () => {
    setAppLocale('en-US')
    const shapes = [day, '18-Oct-2026', 'Oct 18, 2026', '2026-10-18']
    expect(new Set(shapes.map((s) => formatDate(s)))).toEqual(new Set(['Oct 18, 2026']))
    setAppLocale('en-GB')
    expect(formatDate('18-Oct-2026')).toBe('18 Oct 2026')
    setAppLocale('fr-FR')
    expect(formatDate('18-Oct-2026')).toBe('18 oct. 2026')
  })

  it('keeps text that is no date, and shows empty values as asked', () => {
    expect(formatDate('not a date')).toBe('not a date')
    expect(formatDate(null, 'Never')).toBe('Never')
  })

  it('formats times and date-times in the locale', () => {
    setAppLocale('en-US')
    expect(formatTime('Aug 06, 2020 07:20 PM')).toBe('7:20 PM')
    expect(formatDateTime('Aug 06, 2020 07:20 PM')).toBe('Aug 6, 2020, 7:20 PM')
    setAppLocale('de-DE')
    expect(formatTime('Aug 06, 2020 07:20 PM')).toBe('19:20')
  })

  it('chooses plural forms by the locale rules', () => {
    setAppLocale('en')
    expect(plural(1, 'learner', 'learners')).toBe('1 learner')
    expect(plural(0, 'learner', 'learners')).toBe('0 learners')
    expect(plural(5000, 'learner', 'learners')).toBe('5,000 learners')
    expect(plural(2, { one: '{n} row has an error', other: '{n} rows have errors' })).toBe('2 rows have errors')
    setAppLocale('fr')
    // French: 0 and 1 are singular.
    expect(plural(0, 'apprenant', 'apprenants')).toBe('0 apprenant')
  })

  it('joins lists and percentages in the locale', () => {
    setAppLocale('en')
    expect(formatList(['First Aid', 'Fire Safety', 'Manual Handling'])).toBe('First Aid, Fire Safety, and Manual Handling')
    expect(formatPercent(42)).toBe('42%')
    setAppLocale('fr')
    expect(formatPercent(42)).toBe('42\u00a0%')
  })

  it('sorts names as people do, not by code point', () => {
    setAppLocale('en')
    const names = ['Zoë', 'Williams', '王芳', 'Łukasz', 'Åsen', 'adams']
    expect([...names].sort(compareNames)).toEqual(['adams', 'Åsen', 'Łukasz', 'Williams', 'Zoë', '王芳'])
  })

  // The four shipped languages, as applyLocale sets them (en, es, fr, ar).
  it.each([
    ['en', 'Oct 18, 2026', '7:20 PM', 'First Aid, Fire Safety, and Manual Handling', '1,234.5'],
    ['es', '18 oct 2026', '19:20', 'First Aid, Fire Safety y Manual Handling', '1234,5'],
    ['fr', '18 oct. 2026', '19:20', 'First Aid, Fire Safety et Manual Handling', '1\u202f234,5'],
    ['ar', '18 أكتوبر 2026', '7:20 م', 'First Aid وFire Safety وManual Handling', '1,234.5'],
  ])('formats a day, a time, a list and a number in %s', (locale, day, time, list, number) => {
    setAppLocale(locale)
    expect(formatDate('18-Oct-2026')).toBe(day)
    expect(formatTime('Aug 06, 2020 07:20 PM')).toBe(time)
    expect(formatList(['First Aid', 'Fire Safety', 'Manual Handling'])).toBe(list)
    expect(formatNumber(1234.5)).toBe(number)
  })

  it('chooses among the six Arabic plural forms and the Spanish and French ones', () => {
    setAppLocale('ar')
    const forms = { zero: 'لا متعلمين', one: 'متعلم واحد', two: 'متعلمان', few: '{n} متعلمين', many: '{n} متعلمًا', other: '{n} متعلم' }
    expect([0, 1, 2, 3, 11, 100].map((n) => plural(n, forms))).toEqual(['لا متعلمين', 'متعلم واحد', 'متعلمان', '3 متعلمين', '11 متعلمًا', '100 متعلم'])
    setAppLocale('es')
    expect([0, 1, 2].map((n) => plural(n, 'participante', 'participantes'))).toEqual(['0 participantes', '1 participante', '2 participantes'])
    setAppLocale('fr')
    expect([0, 1, 2].map((n) => plural(n, 'participant', 'participants'))).toEqual(['0 participant', '1 participant', '2 participants'])
  })

  it("sorts names with each language's collation: Spanish keeps ñ a letter after n", () => {
    const names = ['Zoë', 'Williams', '王芳', 'Łukasz', 'Åsen', 'Ñúñez', 'Nuñez', 'Ordóñez']
    setAppLocale('es')
    expect([...names].sort(compareNames)).toEqual(['Åsen', 'Łukasz', 'Nuñez', 'Ñúñez', 'Ordóñez', 'Williams', 'Zoë', '王芳'])
    for (const locale of ['en', 'fr', 'ar']) {
      setAppLocale(locale)
      expect([...names].sort(compareNames), locale).toEqual(['Åsen', 'Łukasz', 'Ñúñez', 'Nuñez', 'Ordóñez', 'Williams', 'Zoë', '王芳'])
    }
  })

  it("reads a grade typed with the locale's decimal comma, and never guesses at a comma in English", () => {
    setAppLocale('fr')
    expect(decimalInput(' 7,5 ')).toBe('7.5')
    expect(decimalInput(',5')).toBe('0.5')
    expect(decimalInput('7.5')).toBe('7.5')
    expect(decimalInput('1,2,3')).toBe('1,2,3')
    expect(decimalInput('sept')).toBe('sept')
    setAppLocale('es')
    expect(decimalInput('12,25')).toBe('12.25')
    setAppLocale('en')
    expect(decimalInput('7,5')).toBe('7,5')
    setAppLocale('ar')
    expect(decimalInput('7.5')).toBe('7.5')
  })
})
