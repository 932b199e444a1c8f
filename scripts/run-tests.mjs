// `npm test`: the vitest suites (engine, host, HTTP) then the Playwright suites (browser
// mode), with one closing line that counts both.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-test-report-'))
const vitestReport = path.join(dir, 'vitest.json')
const playwrightReport = path.join(dir, 'playwright.json')

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status ?? 1
}

const bin = (name) => path.join('node_modules', '.bin', name)
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])
const playwrightStatus = run(bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport })

let passed = 0
let failed = 0
let skipped = 0
// CI keeps only the end of the output, so the names of the failed tests are repeated here.
const failures = []
try {
  const v = JSON.parse(fs.readFileSync(vitestReport, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  for (const file of v.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name)
    if (file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed')) {
      failures.push(`${where}: ${String(file.message ?? '').split('\n')[0]}`)
    }
    for (const a of file.assertionResults ?? []) {
      if (a.status !== 'failed') continue
      const why = String(a.failureMessages?.[0] ?? '').split('\n').slice(0, 3).join(' | ')
      failures.push(`${where} > ${a.fullName}\n    ${why.slice(0, 600)}`)
    }
  }
} catch {
  failed += 1
  console.error('vitest wrote no report')
}
try {
  const p = JSON.parse(fs.readFileSync(playwrightReport, 'utf8'))
  passed += p.stats.expected + p.stats.flaky
  failed += p.stats.unexpected
  skipped += p.stats.skipped
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue
        const last = t.results?.[t.results.length - 1]
        const why = String(last?.error?.message ?? '').split('\n').slice(0, 3).join(' | ')
        failures.push(`${spec.file}:${spec.line} > ${[...titles, spec.title].join(' > ')}\n    ${why.slice(0, 600)}`)
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title])
  }
  for (const suite of p.suites ?? []) walk(suite, [])
} catch {
  failed += 1
  console.error('playwright wrote no report')
}
if ((vitestStatus !== 0 || playwrightStatus !== 0) && failed === 0) failed = 1
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(vitestStatus !== 0 || playwrightStatus !== 0 ? 1 : 0)
