// Issue 16, finding 3: the dry run of a 50 MB file (the largest accepted) through the real
// engine host and worker, each in a child process of its own so its peak RSS is the run's:
// 26 million one-character bad rows (which once took the worker past 5 GB and killed it),
// and 3 million short valid rows (the most users a 50 MB file can hold, whose plan the
// engine keeps). Meanwhile app.status is called every 50 ms; the longest wait is reported.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EngineHost } from '../src/main/host/engine-host'
import { devWorkerUrl } from '../src/main/host/dev-worker'
import type { DryRunResult } from '../src/shared/operations/import'
import type { Figure } from './harness'

const SELF = fileURLToPath(import.meta.url)
const FILE_BYTES = 50 * 1024 * 1024 - 1024

type Kind = 'bad' | 'valid'

function writeFile(file: string, kind: Kind): number {
  const header = 'email,first_name\n'
  if (kind === 'bad') {
    const rows = Math.floor((FILE_BYTES - header.length) / 2)
    fs.writeFileSync(file, header + 'x\n'.repeat(rows))
    return rows
  }
  // "u1234567@x.io,A\n": 16 bytes a row.
  const fd = fs.openSync(file, 'w')
  fs.writeSync(fd, header)
  let rows = 0
  let written = header.length
  while (written + 16 * 10_000 <= FILE_BYTES) {
    const lines: string[] = []
    for (let i = 0; i < 10_000; i++) lines.push(`u${String(rows++).padStart(7, '0')}@x.io,A\n`)
    const chunk = lines.join('')
    fs.writeSync(fd, chunk)
    written += chunk.length
  }
  fs.closeSync(fd)
  return rows
}

async function measure(kind: Kind): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-import-bounded-bench-'))
  const file = path.join(dir, `${kind}.csv`)
  const rows = writeFile(file, kind)
  const host = await EngineHost.start({ dataDir: path.join(dir, 'data'), demo: false, workerUrl: devWorkerUrl, log: () => undefined })
  try {
    const rssBefore = process.resourceUsage().maxRSS / 1024
    const start = performance.now()
    let settled = false
    const answer = host.invoke('import.dryRun', { path: file }).finally(() => (settled = true))
    let longest = 0
    let answered = 0
    while (!settled) {
      const t0 = performance.now()
      await host.invoke('app.status', {})
      longest = Math.max(longest, performance.now() - t0)
      answered++
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const result = await answer
    const ms = performance.now() - start
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    const dry = result.value as DryRunResult
    const label = kind === 'bad' ? `${(rows / 1e6).toFixed(0)} million one-character bad rows` : `${(rows / 1e6).toFixed(1)} million short valid rows`
    return [
      { name: `dry run of a 50 MB file of ${label}`, unit: 's', value: ms / 1000, note: `${dry.errorCount.toLocaleString('en')} problems counted, ${dry.errors.length} listed; ${dry.valid.toLocaleString('en')} valid` },
      { name: `  longest wait of a call made meanwhile (${answered} calls)`, unit: 'ms', value: longest, target: '< 500 ms' },
      { name: '  peak RSS of the process (engine worker included)', unit: 'MB', value: process.resourceUsage().maxRSS / 1024, note: `${rssBefore.toFixed(0)} MB before the dry run${kind === 'bad' ? '; was over 5 GB, then out of memory' : ''}`, target: kind === 'bad' ? '< 1000 MB' : undefined },
    ]
  } finally {
    await host.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function inChild(kind: Kind): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', kind], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('FIGURES '))
      if (code !== 0 || !line) reject(new Error(`import-bounded bench exited with ${code}: ${out.slice(-500)}`))
      else resolve(JSON.parse(line.slice('FIGURES '.length)) as Figure[])
    })
  })
}

export async function benchImportBounded(): Promise<Figure[]> {
  return [...(await inChild('bad')), ...(await inChild('valid'))]
}

if (process.argv[1] === SELF) {
  const at = process.argv.indexOf('--child')
  if (at >= 0) console.log(`FIGURES ${JSON.stringify(await measure(process.argv[at + 1] as Kind))}`)
  else {
    const { report } = await import('./harness')
    report(await benchImportBounded())
  }
}
