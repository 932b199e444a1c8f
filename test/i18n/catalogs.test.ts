// The catalogs' check (scripts/i18n-check.ts) on the project, and on small trees written here
// to prove it catches each kind of mistake: a missing key, a key nobody uses, a placeholder
// that differs between languages, a broken ICU message, and text left in a screen.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { checkI18n, type I18nPaths } from '../../scripts/i18n-check'
import { LOCALES } from '../../src/shared/i18n/locales'

describe('the project catalogs', () => {
  const report = checkI18n()

  it('have the same keys in every language, each a valid ICU message with English placeholders', () => {
    expect(report.catalogProblems).toEqual([])
    for (const set of ['', 'documents/', 'reasons/']) {
      const sizes = LOCALES.map((l) => report.sizes[`${set}${l}`])
      expect(sizes[0]).toBeGreaterThan(0)
      expect(new Set(sizes).size).toBe(1)
    }
    expect(report.sizes.en).toBeGreaterThan(1000)
  })

  it('use every key', () => {
    expect(report.unusedKeys).toEqual([])
  })

  it('leave no screen text outside the catalogs', () => {
    expect(report.literalText).toEqual([])
  })

  it('are translated, not English copied: no message of three words or more is left in English', () => {
    const read = (l: string) => JSON.parse(fs.readFileSync(path.join('src/renderer/src/i18n/locales', `${l}.json`), 'utf8')) as Record<string, string>
    const en = read('en')
    // Only the words people read: the ICU message's literal text, without placeholders and plural syntax.
    const words = (message: string) => literalText(parse(message)).match(/\p{L}{2,}/gu) ?? []
    for (const l of ['es', 'fr', 'ar']) {
      const other = read(l)
      const same = Object.keys(en).filter((k) => other[k] === en[k] && words(en[k]).length >= 3)
      expect(same, l).toEqual([])
    }
    const ar = read('ar')
    // The product's name, and key caps (Arabic keyboards print "Shift", "Page Up" in Latin letters).
    const keptLatin = (k: string) => k === 'app.name' || k === 'app.documentTitle' || k.startsWith('keys.')
    const latinOnly = Object.keys(ar).filter((k) => !keptLatin(k) && words(ar[k]).length >= 2 && !/\p{Script=Arabic}/u.test(ar[k]))
    expect(latinOnly).toEqual([])
  })
})

function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((el) => {
      if (el.type === TYPE.literal) return el.value
      if (el.type === TYPE.plural || el.type === TYPE.select) return Object.values(el.options).map((o) => literalText(o.value)).join(' ')
      if (el.type === TYPE.tag) return literalText(el.children)
      return ' '
    })
    .join('')
}

describe('the check itself', () => {
  let dir = ''
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    dir = ''
  })

  /** A tiny project: one screen, catalogs in en and fr, one reason, one document key. */
  function tree(files: Record<string, string | object>): I18nPaths {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-check-'))
    const base: Record<string, string | object> = {
      'renderer/Screen.tsx': `export const Screen = ({ t, n }: any) => <Button aria-label={t('app.close')}>{t('app.count', { count: n })}</Button>\n`,
      'ui/en.json': { 'app.close': 'Close', 'app.count': '{count, plural, one {# learner} other {# learners}}' },
      'ui/fr.json': { 'app.close': 'Fermer', 'app.count': '{count, plural, one {# apprenant} other {# apprenants}}' },
      'documents/en.json': { 'doc.title': 'Sign-in sheet' },
      'documents/fr.json': { 'doc.title': "Feuille d'émargement" },
      'reasons/en.json': { 'reason.missing': 'The {field} field is required.' },
      'reasons/fr.json': { 'reason.missing': 'Le champ {field} est obligatoire.' },
      'engine/handler.ts': `export const e = () => ({ key: 'reason.missing', title: 'doc.title' })\n`,
    }
    for (const [file, content] of Object.entries({ ...base, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content))
    }
    const at = (p: string) => path.join(dir, p)
    return { renderer: at('renderer'), ui: at('ui'), documents: at('documents'), reasons: at('reasons'), engine: [at('engine')], documentsSource: at('engine') }
  }

  it('passes a tree with nothing wrong', () => {
    const report = checkI18n(tree({}))
    expect(report).toMatchObject({ catalogProblems: [], unusedKeys: [], literalText: [] })
    expect(report.sizes).toEqual({ en: 2, fr: 2, 'documents/en': 1, 'documents/fr': 1, 'reasons/en': 1, 'reasons/fr': 1 })
  })

  it('fails on a key missing from a language, or one English does not have', () => {
    const report = checkI18n(tree({ 'ui/fr.json': { 'app.close': 'Fermer', 'app.extra': 'En trop' } }))
    expect(report.catalogProblems).toEqual(['fr: missing app.count', 'fr: app.extra is not in en.json'])
  })

  it('fails on a key no source uses', () => {
    const report = checkI18n(
      tree({
        'ui/en.json': { 'app.close': 'Close', 'app.count': '{count} learners', 'app.forgotten': 'Forgotten' },
        'ui/fr.json': { 'app.close': 'Fermer', 'app.count': '{count} apprenants', 'app.forgotten': 'Oublié' },
        'documents/en.json': { 'doc.title': 'Sign-in sheet', 'doc.unused': 'Unused' },
        'documents/fr.json': { 'doc.title': 'Émargement', 'doc.unused': 'Inutilisé' },
      }),
    )
    expect(report.catalogProblems).toEqual([])
    expect(report.unusedKeys).toEqual(['app.forgotten', 'documents: doc.unused'])
  })

  it('fails on placeholders that differ from English, and on a message that is not ICU', () => {
    const report = checkI18n(
      tree({
        'ui/fr.json': { 'app.close': 'Fermer {name}', 'app.count': '{total, plural, one {# apprenant} other {# apprenants}}' },
        'reasons/fr.json': { 'reason.missing': 'Le champ {field est obligatoire.' },
      }),
    )
    expect(report.catalogProblems).toHaveLength(3)
    expect(report.catalogProblems[0]).toBe('fr: app.close uses {name}, English {}')
    expect(report.catalogProblems[1]).toBe('fr: app.count uses {total}, English {count}')
    expect(report.catalogProblems[2]).toMatch(/^fr: reason.missing is not a valid ICU message/)
  })

  it('fails on a reason code the engine names that no catalog has', () => {
    const report = checkI18n(tree({ 'engine/other.ts': `export const x = 'reason.made_up'\n` }))
    expect(report.catalogProblems).toEqual(['the engine names reason.made_up, which no catalog has'])
  })

  it('fails on text written in a screen instead of the catalog', () => {
    const report = checkI18n(
      tree({
        'renderer/Other.tsx': [
          `export const A = ({ t }: any) => <div title="Learners">Save grade</div>`,
          `export const B = ({ t, ok }: any) => <Button aria-label={ok ? t('app.close') : 'Close it'}>{'Cancel'}</Button>`,
          `export const C = () => notifyError('Could not save')`,
          `export const D = { label: 'Attendance' }`,
          // Not shown: a class name, a key compared, a test id.
          `export const E = ({ s }: any) => <div className="row" data-testid="row">{s === 'Completed' ? '✓' : null}</div>`,
        ].join('\n'),
      }),
    )
    expect(report.literalText.map((f) => [f.line, f.where, f.text])).toEqual([
      [1, 'title=', 'Learners'],
      [1, 'JSX text', 'Save grade'],
      [2, 'aria-label=', 'Close it'],
      [2, 'JSX child', 'Cancel'],
      [3, 'notifyError()', 'Could not save'],
      [4, 'label:', 'Attendance'],
    ])
  })
})
