// A laptop process for the crash scenarios (issue 4, scenario 4): opens the engine on a
// data folder that is already configured and queued, runs one sync, and kills itself with
// SIGKILL at a named point of the first matching create, as a power cut would:
//   before-send     the record is marked `sending` (attempt counted), the request not yet sent;
//   after-response  the hosted LMS committed and answered, the mapping is not yet written.
// "after-send" (request committed, answer not back) is done by the parent test, which
// SIGKILLs this process while the fault proxy holds the answer.
// Usage: node --import tsx crash-child.ts <dataDir> <before-send|after-response|none> <path regex>
import { openLmsEngine } from '../../src/main/host/open-engine'

const [dataDir, killAt, pattern] = process.argv.slice(2)
const target = new RegExp(pattern)

const die = () => process.kill(process.pid, 'SIGKILL')

// The engine's own fetch, with a trap at the named point; nothing else is changed.
const trapped: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  const hit = (init?.method ?? 'GET').toUpperCase() === 'POST' && target.test(url.pathname)
  if (hit) process.stdout.write(`request ${url.pathname}\n`)
  if (hit && killAt === 'before-send') die()
  const response = await fetch(input, init)
  if (hit && killAt === 'after-response') {
    await response.clone().arrayBuffer()
    die()
  }
  return response
}

const engine = await openLmsEngine({
  dataDir,
  log: (line) => process.stderr.write(`${line}\n`),
  sync: { intervalMs: 0, timeoutMs: 60_000, fetchImpl: trapped, pull: false },
})
engine.sync.stop()
const result = await engine.invokeAsync('sync.now', {})
process.stdout.write(`result ${JSON.stringify(result)}\n`)
engine.close()
