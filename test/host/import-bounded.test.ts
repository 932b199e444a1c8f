// Issue 16, finding 3: a file inside the accepted size that holds millions of bad rows.
// A 50 MB CSV of 26 million one-character rows once took the engine worker past 5 GB and
// killed it, and calls made meanwhile waited 9-12 s or got a 503. Here a file of that kind
// (12 million rows, 24 MB, made for the run) goes through the real engine host and its
// worker: the dry run answers with every problem counted and the first 1,000 listed, the
// error CSV lists a bounded first part, and calls made while it reads are answered while
// it reads. How long they waited and the process's peak RSS are printed, not asserted
// (npm run bench measures them: bench/import-bounded.bench.ts).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineHost } from '../../src/main/host/engine-host'
import { devWorkerUrl } from '../../src/main/host/dev-worker'
import type { DryRunResult, ErrorCsvResult } from '../../src/shared/operations/import'
import { hostClient, ok, removeDir, tempDir } from '../engine/helpers'

const ROWS = 12_000_000

let dir: string
let host: EngineHost
let file: string

beforeAll(async () => {
  dir = tempDir('lms-import-bounded-')
  file = path.join(dir, 'garbage.csv')
  fs.writeFileSync(file, 'email,first_name,last_name\n' + 'x\n'.repeat(ROWS))
  host = await EngineHost.start({ dataDir: path.join(dir, 'data'), demo: false, workerUrl: devWorkerUrl, log: () => undefined })
})
afterAll(async () => {
  await host?.close()
  if (dir) removeDir(dir)
})

/** Calls app.status every 50 ms until `until` settles; answers how many were answered before it did and the longest wait. */
async function probeWhile(until: Promise<unknown>): Promise<{ answeredMeanwhile: number; longestMs: number; peakRssMb: number }> {
  let settled = false
  void until.finally(() => (settled = true))
  let answeredMeanwhile = 0
  let longestMs = 0
  let peakRss = 0
  while (!settled) {
    const started = performance.now()
    const status = await hostClient(host).result('app.status', {})
    expect(status.ok, JSON.stringify(status)).toBe(true)
    longestMs = Math.max(longestMs, performance.now() - started)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    if (!settled) answeredMeanwhile++
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await until
  return { answeredMeanwhile, longestMs, peakRssMb: peakRss / 1e6 }
}

describe('a file of millions of bad rows', () => {
  it('is checked with every problem counted, the first 1,000 listed, and other calls answered meanwhile', async () => {
    const answer = hostClient(host).result('import.dryRun', { path: file })
    const probe = await probeWhile(answer)
    const dry = ok<DryRunResult>(await answer)
    expect(dry).toMatchObject({ rows: ROWS, valid: 0, create: 0, errorCount: ROWS })
    expect(dry.errors).toHaveLength(1000)
    expect(dry.errors[0]).toEqual({ row: 2, column: 'email', value: 'x', message: 'The email must be a valid email address.', reason: { key: 'reason.import.email_invalid' } })
    expect(dry.errors[999].row).toBe(1001)
    expect(dry.preview).toHaveLength(20)
    expect(probe.answeredMeanwhile, 'no call was answered while the file was read').toBeGreaterThan(0)
    process.stdout.write(
      `[import-bounded] dry run of ${ROWS.toLocaleString('en')} bad rows: ${probe.answeredMeanwhile} status calls answered meanwhile, longest wait ${probe.longestMs.toFixed(0)} ms, peak RSS ${probe.peakRssMb.toFixed(0)} MB\n`,
    )
  }, 180_000)

  it('lists the first 100,000 refused rows in the error CSV and says how many there are', async () => {
    const answer = hostClient(host).result('import.errorCsv', { path: file })
    const probe = await probeWhile(answer)
    const out = ok<ErrorCsvResult>(await answer)
    expect(out).toMatchObject({ rowsListed: 100_000, rowsWithProblems: ROWS, fileName: 'garbage-errors.csv' })
    const lines = out.csv.replace(/^\ufeff/, '').trimEnd().split('\r\n')
    expect(lines).toHaveLength(100_001)
    expect(lines[0]).toBe('Import problems,email,first_name,last_name')
    expect(lines[1]).toBe('"Row 2, email: The email must be a valid email address.",x,,')
    expect(probe.answeredMeanwhile).toBeGreaterThan(0)
    process.stdout.write(`[import-bounded] error CSV: ${probe.answeredMeanwhile} status calls answered meanwhile, longest wait ${probe.longestMs.toFixed(0)} ms, peak RSS ${probe.peakRssMb.toFixed(0)} MB\n`)
  }, 180_000)
})
