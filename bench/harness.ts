// A tiny benchmark harness: timings in milliseconds, percentiles, one summary table and a
// JSON file with the figures and the machine. Targets are printed, never asserted.
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
export function machineLoad(when: string): Figure {
  return { name: `load average (1 min) ${when}`, unit: `on ${os.cpus().length} cores`, value: os.loadavg()[0] }
}

export function report(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}`, f.target ?? '', f.note ?? ''])
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['benchmark', 'figure', 'target', 'note'], ...rows].map((r) => r[c].length)))
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ')
  const out = [line(['benchmark', 'figure', 'target', 'note']), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
  console.log('\n' + out.join('\n'))
  const dir = path.resolve('bench/results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() },
        figures,
      },
      null,
      2,
    ),
  )
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`)
  return file
}
