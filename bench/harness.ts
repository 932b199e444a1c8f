// A tiny benchmark harness: timings in milliseconds, percentiles, one summary table and a
// JSON file with the figures and the machine. Targets are printed, never asserted.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface Figure {
  name: string
  unit: string
  value: number
  target?: string
  note?: string
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

/** Runs fn `runs` times after `warmup` untimed runs; returns sorted durations in ms. */
export function timeRuns(fn: (i: number) => void, runs: number, warmup = Math.min(20, runs)): number[] {
  for (let i = 0; i < warmup; i++) fn(i)
  const durations: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn(i)
    durations.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return durations.sort((a, b) => a - b)
}

/**
 * Like timeRuns, and also the CPU time of each run (user + system of this process). On a
 * busy machine wall time includes waiting for a core; CPU time does not, and it does not
 * include waiting for the disk either. Both are reported, each sorted.
 */
export function timeRunsWithCpu(fn: (i: number) => void, runs: number, warmup = Math.min(20, runs)): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn(i)
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage()
    const start = process.hrtime.bigint()
    fn(i)
    wall.push(Number(process.hrtime.bigint() - start) / 1e6)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) }
}

/** The 1-minute load average, to read timings against: above the core count, runs wait for a core. */
/**
 * Between benchmarks: the gigabytes an earlier one wrote and deleted are flushed to disk
 * first, so that writeback is not timed as the next one's fsyncs (the import commit after
 * the pull measured 2.8 s without this and 2.1 s with it, its CPU time up as much).
 */
export async function settle(): Promise<void> {
  if (process.platform !== 'win32') execFileSync('sync')
  await new Promise((resolve) => setTimeout(resolve, 2_000))
}

export function machineLoad(when: string): Figure {
  return { name: `load average (1 min) ${when}`, unit: `on ${os.cpus().length} cores`, value: os.loadavg()[0] }
}

/** A list case: a label and the operation's input. */
export type ListCase = [label: string, input: Record<string, unknown>]

/** Anything that invokes registry operations: the engine. */
interface Invoker {
  invoke(name: string, input: unknown): { ok: true; value: unknown } | { ok: false; error: { message: string } }
}

/**
 * Times each list case through the engine: p50 and p95 wall time (target < 10 ms), and in
 * the note how many rows matched and the p95 CPU time. Stops a case after `budgetMs` of timed runs (at least 20 runs), so a slow case
 * reports its figures without holding the run for minutes.
 */
export function measureListCases(engine: Invoker, operation: string, title: string, cases: ListCase[], runs = 200, budgetMs = 3_000): Figure[] {
  const figures: Figure[] = []
  for (const [label, input] of cases) {
    let matched = 0
    const call = () => {
      const result = engine.invoke(operation, input)
      if (!result.ok) throw new Error(`${operation} ${label}: ${result.error.message}`)
      matched = (result.value as { recordsFiltered: number }).recordsFiltered
    }
    for (let i = 0; i < 5; i++) call()
    const durations: number[] = []
    const cpu: number[] = []
    const began = performance.now()
    while (durations.length < runs && (durations.length < 20 || performance.now() - began < budgetMs)) {
      const cpuStart = process.cpuUsage()
      const start = process.hrtime.bigint()
      call()
      durations.push(Number(process.hrtime.bigint() - start) / 1e6)
      const used = process.cpuUsage(cpuStart)
      cpu.push((used.user + used.system) / 1000)
    }
    durations.sort((a, b) => a - b)
    cpu.sort((a, b) => a - b)
    // CPU time leaves out waiting for a core: on a busy machine it tells a slow query from a wait.
    const note = `${matched} rows matched, ${durations.length} runs, cpu p95 ${percentile(cpu, 95).toFixed(1)} ms`
    figures.push({ name: `${title} ${label} p50`, unit: 'ms', value: percentile(durations, 50) })
    figures.push({ name: `${title} ${label} p95`, unit: 'ms', value: percentile(durations, 95), target: '< 10 ms', note })
  }
  return figures
}

/** Whether a figure meets a target written as `< 10 ms`, `>= 1000 rows/s`; undefined if it has none it can read. */
export function meetsTarget(f: Figure): boolean | undefined {
  const m = /^\s*(<=|>=|<|>)\s*([\d_.,]+)/.exec(f.target ?? '')
  if (!m) return undefined
  const bound = Number(m[2].replace(/[_,]/g, ''))
  if (!Number.isFinite(bound) || !Number.isFinite(f.value)) return undefined
  return m[1] === '<' ? f.value < bound : m[1] === '<=' ? f.value <= bound : m[1] === '>' ? f.value > bound : f.value >= bound
}

export function report(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}`, f.target ?? '', f.note ?? ''])
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['benchmark', 'figure', 'target', 'note'], ...rows].map((r) => r[c].length)))
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ')
  const out = [line(['benchmark', 'figure', 'target', 'note']), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
  console.log('\n' + out.join('\n'))
  const judged = figures.map((f) => ({ f, met: meetsTarget(f) })).filter((j) => j.met !== undefined)
  const missed = judged.filter((j) => !j.met)
  console.log(`\ntargets: ${judged.length - missed.length} of ${judged.length} met${missed.length ? ', missed:' : ''}`)
  for (const { f } of missed) console.log(`  MISSED  ${f.name}: ${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit} (target ${f.target})`)
  const dir = path.resolve('bench/results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() },
        targets: { judged: judged.length, met: judged.length - missed.length, missed: missed.map(({ f }) => f.name) },
        figures: figures.map((f) => ({ ...f, met: meetsTarget(f) })),
      },
      null,
      2,
    ),
  )
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`)
  return file
}
