// `npm run security:electron`: Electronegativity over the app's source (src/), failing on
// any HIGH or MEDIUM finding that is not excused by a comment on the flagged line:
//   `// eng-disable CHECK_ID: why this is safe here`
// Electronegativity itself honours `eng-disable` (same line only); this wrapper adds the
// rules it lacks: every excuse names a real check and gives a reason, no file-wide excuse
// (first line), and a source file it could not parse fails the run instead of going unchecked.
// Offline it warns that it cannot fetch translations and Electron releases; the scan itself
// needs no network, and the Electron version is read from the installed package.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const input = path.resolve(root, process.argv[2] ?? 'src')
const BLOCKING = new Set(['HIGH', 'MEDIUM'])
const MIN_REASON = 15

const run = require('@doyensec/electronegativity')
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version

const result = await run({ input, isRelative: false, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] })

const problems = []
const rel = (file) => path.relative(root, file)

for (const error of result.errors) {
  if (!error.tolerable) problems.push(`${rel(error.file)}: could not be parsed, so it was not checked (${error.message})`)
}

const blocking = result.issues.filter((issue) => BLOCKING.has(issue.severity.name))
for (const issue of blocking) {
  problems.push(`${issue.severity.name} ${issue.id} at ${rel(issue.file)}:${issue.location.line}:${issue.location.column}: ${issue.description}`)
}

// Every excuse must carry its reason and name a check Electronegativity knows.
const knownChecks = new Set(
  fs
    .readdirSync(path.join(path.dirname(require.resolve('@doyensec/electronegativity')), 'finder/checks'), { recursive: true })
    .filter((f) => String(f).endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(path.dirname(require.resolve('@doyensec/electronegativity')), 'finder/checks', String(f)), 'utf8'))
    .flatMap((text) => [...text.matchAll(/this\.id\s*=\s*["']([A-Z_]+)["']/g)].map((m) => m[1])),
)
const sourceFiles = fs.statSync(input).isDirectory()
  ? fs.readdirSync(input, { recursive: true }).map((f) => path.join(input, String(f))).filter((f) => /\.(m?[jt]sx?|html)$/.test(f))
  : [input]
let excuses = 0
for (const file of sourceFiles) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  lines.forEach((line, index) => {
    const found = /eng-disable\s+([A-Z_ ,]+?)\s*(?::\s*(.*?))?\s*(?:\*\/|-->)?\s*$/.exec(line)
    if (!found) return
    excuses += 1
    const where = `${rel(file)}:${index + 1}`
    if (index === 0) problems.push(`${where}: a file-wide eng-disable hides every finding of that check in the file; put it on the flagged line`)
    for (const check of found[1].split(/[ ,]+/).filter(Boolean)) {
      if (!knownChecks.has(check)) problems.push(`${where}: eng-disable names ${check}, which is not an Electronegativity check`)
    }
    if ((found[2] ?? '').length < MIN_REASON) problems.push(`${where}: eng-disable without a reason (write "eng-disable CHECK_ID: why it is safe")`)
  })
}

const shown = result.issues.filter((issue) => !BLOCKING.has(issue.severity.name))
for (const issue of shown) console.log(`note: ${issue.severity.name} ${issue.id} at ${rel(issue.file)}:${issue.location.line} (${issue.description})`)
console.log(
  `electronegativity ${electronVersion}: ${sourceFiles.length} files, ${result.atomicChecks + result.globalChecks} checks, ${blocking.length} HIGH/MEDIUM findings, ${excuses} excused with a reason`,
)
if (problems.length > 0) {
  for (const problem of problems) console.error(`FAIL ${problem}`)
  process.exit(1)
}
