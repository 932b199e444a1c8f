// CPU profiles of a benchmark's measured part only (not its setup): with LMS_BENCH_PROFILE
// set to a folder, `profiled(name, fn)` records this process's profile around fn into it
// (the stand-in's own: LMS_STAND_IN_NODE_ARGS="--cpu-prof --cpu-prof-dir=<folder>").
// `npx tsx bench/profile.ts <file.cpuprofile>` prints where the time went, by function and by file.
import fs from 'node:fs'
import path from 'node:path'
import { Session } from 'node:inspector/promises'

export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.LMS_BENCH_PROFILE
  if (!dir) return fn()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    return await fn()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

/** Self time by function and by file, the largest first, as percentages of the samples. */
export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number }
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0)
  const parentOf = new Map<number, ProfileNode>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node)
  const whereOf = (node: ProfileNode) => node.callFrame.url.replace(/^file:\/\//, '').replace(/.*\/(node_modules\/|src\/)/, '$1')
  const nameOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${whereOf(node)}:${node.callFrame.lineNumber + 1}`
  const byFunction = new Map<string, number>()
  const byFile = new Map<string, number>()
  // Native code (SQLite statements, JSON, sockets) has no file: its time goes to the
  // nearest caller that has one, and to the nearest caller in src/ (whose query it was).
  const byCaller = new Map<string, number>()
  const bySrc = new Map<string, number>()
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0
    if (!hits) continue
    const where = whereOf(node)
    byFunction.set(nameOf(node), (byFunction.get(nameOf(node)) ?? 0) + hits)
    const fileKey = where || node.callFrame.functionName
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + hits)
    let caller: ProfileNode | undefined = node
    while (caller && !whereOf(caller)) caller = parentOf.get(caller.id)
    const callerKey = caller ? nameOf(caller) : nameOf(node)
    byCaller.set(callerKey, (byCaller.get(callerKey) ?? 0) + hits)
    let own: ProfileNode | undefined = node
    while (own && (!whereOf(own).startsWith('src/') || whereOf(own).startsWith('src/main/engine/db/'))) own = parentOf.get(own.id)
    const ownKey = own ? nameOf(own) : '(outside src/)'
    bySrc.set(ownKey, (bySrc.get(ownKey) ?? 0) + hits)
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n')
  const seconds = (profile.endTime - profile.startTime) / 1e6
  return `${file}: ${seconds.toFixed(1)} s, ${total} samples\n-- by function (self)\n${list(byFunction)}\n-- by file (self)\n${list(byFile)}\n-- native time by nearest caller\n${list(byCaller)}\n-- by nearest function in src/ outside the database layer\n${list(bySrc)}`
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const file of process.argv.slice(2)) console.log(summarise(file) + '\n')
}
