// The message catalogs' checks, run by test/i18n/catalogs.test.ts (so by `npm test`) and by
// `npx tsx scripts/i18n-check.ts` while converting a screen:
//  - every catalog has exactly English's keys, and each message parses as ICU with the
//    same placeholders as the English one;
//  - every key is used: it appears as a string literal in the renderer's source (keys are
//    only ever written whole, never put together), or is an engine reason code;
//  - no JSX text, no user-facing attribute (title, aria-label, placeholder, label,
//    description, alt, ...) and no user-facing property of a config object is a literal
//    string outside the catalogs.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RENDERER = path.join(root, 'src/renderer/src')

export interface CatalogSet {
  dir: string
  /** Locale -> flat messages. */
  catalogs: Record<string, Record<string, string>>
}

export function loadCatalogs(dir: string): CatalogSet {
  const catalogs: Record<string, Record<string, string>> = {}
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    catalogs[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>
  }
  return { dir, catalogs }
}

/** The names a message's placeholders use (`{count, plural, ...}`, `{name}`, `<b>..</b>`). */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value)
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value)
      for (const option of Object.values(el.options)) argumentNames(option.value, into)
    }
    if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`)
      argumentNames(el.children, into)
    }
  }
  return into
}

/** Key and placeholder differences of every catalog against English. */
export function catalogProblems(set: CatalogSet, base = 'en'): string[] {
  const problems: string[] = []
  const en = set.catalogs[base]
  if (!en) return [`${set.dir}: no ${base}.json`]
  for (const [locale, messages] of Object.entries(set.catalogs)) {
    for (const key of Object.keys(en)) if (!(key in messages)) problems.push(`${locale}: missing ${key}`)
    for (const key of Object.keys(messages)) if (!(key in en)) problems.push(`${locale}: ${key} is not in ${base}.json`)
    for (const [key, text] of Object.entries(messages)) {
      if (typeof text !== 'string' || !text.trim()) {
        problems.push(`${locale}: ${key} is empty`)
        continue
      }
      let args: Set<string>
      try {
        args = argumentNames(parse(text))
      } catch (e) {
        problems.push(`${locale}: ${key} is not a valid ICU message (${(e as Error).message})`)
        continue
      }
      if (!(key in en) || locale === base) continue
      const want = [...argumentNames(parse(en[key]))].sort().join(',')
      if ([...args].sort().join(',') !== want) problems.push(`${locale}: ${key} uses {${[...args].sort().join(',')}}, English {${want}}`)
    }
  }
  return problems
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(full))
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full)
  }
  return out
}

/** Attributes and config properties people read or hear. */
const USER_FACING = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'placeholder',
  'label',
  'description',
  'alt',
  'error',
  'message',
  'nothingFoundMessage',
  'confirmLabel',
  'cancelLabel',
  'emptyText',
  'heading',
  'help',
  'hint',
  'text',
  'tooltip',
  'caption',
  'summary',
  'reason',
  'header',
  'note',
  'short',
  'empty',
  'fallback',
])
const userFacingName = (name: string) => USER_FACING.has(name) || /(Label|Title|Text|Message|Description|Heading|Placeholder)$/.test(name)

const hasWords = (text: string) => /\p{L}/u.test(text)

/** Calls whose string arguments are read, not shown (ids, selectors, keys). */
const NOT_SHOWN_CALLS = new Set(['t', 'rich', 'formatMessage', 'querySelector', 'querySelectorAll', 'getElementById', 'addEventListener', 'removeEventListener', 'startsWith', 'endsWith', 'includes', 'test', 'get', 'has', 'set', 'delete', 'call', 'invoke', 'subscribe', 'matchMedia', 'getAttribute', 'setAttribute', 'closest', 'createElement', 'setProperty', 'split', 'replace', 'join', 'indexOf', 'lastIndexOf', 'padStart', 'toLocaleLowerCase', 'localeCompare', 'Error', 'RegExp', 'useLocalStorage', 'getItem', 'setItem', 'removeItem', 'param', 'searchParams'])

/** Calls whose string arguments are shown or announced. */
const SHOWN_CALLS = new Set(['notifySuccess', 'notifyWarning', 'notifyError', 'setFormError', 'announce', 'Error', 'reject', 'setNotice', 'setMessage'])

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const callee = node.expression
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : ''
}

function isNotShown(node: ts.Node): boolean {
  const parent = node.parent
  if (!parent) return false
  // `x === 'a'`, `case 'a':`, `'a' in x`, property names, imports, types.
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.PlusToken && parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken && parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken && parent.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return true
  if (ts.isCaseClause(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) return true
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = parent.expression
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : ''
    if (NOT_SHOWN_CALLS.has(name)) return true
  }
  return false
}

export interface LiteralFinding {
  file: string
  line: number
  text: string
  where: string
}

export interface SourceScan {
  /** Every string literal of the sources (keys in use among them). */
  literals: Set<string>
  /** Text shown to people that is not a catalog key. */
  findings: LiteralFinding[]
}

/** Literal strings (and template texts) within an expression that would be shown. */
function shownLiterals(expr: ts.Node, visit: (node: ts.Node, text: string) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!isNotShown(node)) visit(node, node.text)
      return
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
      if (!isNotShown(node)) visit(node, parts)
      node.templateSpans.forEach((s) => walk(s.expression))
      return
    }
    // Inside a call the arguments are that function's business (a `t` key, a format call);
    // a nested object is checked by its own property names.
    if (ts.isCallExpression(node) || ts.isObjectLiteralExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return
    ts.forEachChild(node, walk)
  }
  walk(expr)
}

export function scanSources(files: readonly string[], keys: ReadonlySet<string>): SourceScan {
  const literals = new Set<string>()
  const findings: LiteralFinding[] = []
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
    const report = (node: ts.Node, shown: string, where: string) => {
      if (!hasWords(shown) || keys.has(shown)) return
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf))
      findings.push({ file: path.relative(root, file), line: line + 1, text: shown.trim().slice(0, 80), where })
    }
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text)
      if (ts.isJsxText(node)) report(node, node.text, 'JSX text')
      else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        shownLiterals(node.expression, (n, s) => report(n, s, 'JSX child'))
      } else if (ts.isJsxAttribute(node) && node.initializer) {
        const name = node.name.getText(sf)
        if (userFacingName(name)) {
          if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text, `${name}=`)
          else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shownLiterals(node.initializer.expression, (n, s) => report(n, s, `${name}=`))
        }
      } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && SHOWN_CALLS.has(calleeName(node))) {
        for (const arg of node.arguments ?? []) shownLiterals(arg, (n, s) => report(n, s, `${calleeName(node)}()`))
      } else if (ts.isParameter(node) && node.initializer && ts.isIdentifier(node.name) && userFacingName(node.name.text)) {
        shownLiterals(node.initializer, (n, s) => report(n, s, `${node.name.getText(sf)} =`))
      } else if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name) && userFacingName(node.name.text)) {
        shownLiterals(node.initializer, (n, s) => report(n, s, `${node.name.getText(sf)} =`))
      } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && userFacingName(node.name.text)) {
        shownLiterals(node.initializer, (n, s) => report(n, s, `${node.name.getText(sf)}:`))
      }
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  return { literals, findings }
}

export interface I18nReport {
  catalogProblems: string[]
  unusedKeys: string[]
  literalText: LiteralFinding[]
  sizes: Record<string, number>
}

/** Where the catalogs and the sources that use them are: the project's, or a test's own tree. */
export interface I18nPaths {
  /** The renderer's source (screens, components), which uses the UI catalog's keys. */
  renderer: string
  /** Catalog folders: the renderer's, the documents' and the engine's reasons. */
  ui: string
  documents: string
  reasons: string
  /** Engine and shared source, which names reason codes (`reason.*`) and document keys. */
  engine: string[]
  /** The source writing documents (document keys are used there). */
  documentsSource: string
}

export const PROJECT_PATHS: I18nPaths = {
  renderer: RENDERER,
  ui: path.join(RENDERER, 'i18n/locales'),
  documents: path.join(root, 'src/shared/i18n/documents'),
  reasons: path.join(root, 'src/shared/i18n/reasons'),
  engine: [path.join(root, 'src/main'), path.join(root, 'src/shared')],
  documentsSource: path.join(root, 'src/main'),
}

/** Keys whose use is outside the renderer's source: engine reason codes (`reason.*`). */
function engineKeys(dirs: readonly string[]): Set<string> {
  const found = new Set<string>()
  for (const file of dirs.flatMap((d) => sourceFiles(d))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/['"`](reason\.[a-zA-Z0-9_.]+)['"`]/g)) found.add(m[1])
  }
  return found
}

export function checkI18n(paths: I18nPaths = PROJECT_PATHS): I18nReport {
  const ui = loadCatalogs(paths.ui)
  const docs = loadCatalogs(paths.documents)
  const reasons = loadCatalogs(paths.reasons)
  const keys = new Set(Object.keys(ui.catalogs.en ?? {}))
  const files = sourceFiles(paths.renderer).filter((f) => !f.includes(`${path.sep}locales${path.sep}`))
  const scan = scanSources(files, keys)
  const fromEngine = engineKeys(paths.engine)
  const unusedKeys = [...keys].filter((k) => !scan.literals.has(k) && !fromEngine.has(k))
  // Document keys are used by the engine's documents (src/main), written whole as well.
  const mainLiterals = scanSources(sourceFiles(paths.documentsSource), new Set()).literals
  const unusedDocKeys = Object.keys(docs.catalogs.en ?? {}).filter((k) => !mainLiterals.has(k))
  // Reason codes are written whole by the engine (or the renderer, for its own transport errors).
  const reasonKeys = new Set(Object.keys(reasons.catalogs.en ?? {}))
  const unusedReasons = [...reasonKeys].filter((k) => !fromEngine.has(k) && !scan.literals.has(k))
  const unknownReasons = [...fromEngine].filter((k) => !reasonKeys.has(k) && !keys.has(k) && !/\.$/.test(k))
  const sizes = Object.fromEntries(Object.entries(ui.catalogs).map(([l, m]) => [l, Object.keys(m).length]))
  for (const [l, m] of Object.entries(docs.catalogs)) sizes[`documents/${l}`] = Object.keys(m).length
  for (const [l, m] of Object.entries(reasons.catalogs)) sizes[`reasons/${l}`] = Object.keys(m).length
  return {
    catalogProblems: [
      ...catalogProblems(ui),
      ...catalogProblems(docs),
      ...catalogProblems(reasons),
      ...unknownReasons.map((k) => `the engine names ${k}, which no catalog has`),
    ],
    unusedKeys: [...unusedKeys, ...unusedDocKeys.map((k) => `documents: ${k}`), ...unusedReasons.map((k) => `reasons: ${k}`)],
    literalText: scan.findings,
    sizes,
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = checkI18n()
  const filter = process.argv[2]
  const literal = report.literalText.filter((f) => !filter || f.file.includes(filter))
  for (const f of literal) console.log(`${f.file}:${f.line}  ${f.where}  ${JSON.stringify(f.text)}`)
  for (const p of report.catalogProblems) console.log(`catalog: ${p}`)
  for (const k of report.unusedKeys) console.log(`unused: ${k}`)
  console.log(`\n${literal.length} literal texts, ${report.catalogProblems.length} catalog problems, ${report.unusedKeys.length} unused keys; sizes ${JSON.stringify(report.sizes)}`)
}
