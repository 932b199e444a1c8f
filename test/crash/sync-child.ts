// The laptop process for the sync crash runs: loads the engine, takes its data folder
// (configured and queued by the parent) on stdin, says "ready" and drains the queue to the
// stand-in with sync.now. The parent SIGKILLs it at a random moment of the drain.
import { openLmsEngine } from '../../src/main/host/open-engine'
import { argumentsFromParent } from './child'

const [dataDir] = await argumentsFromParent()
const engine = await openLmsEngine({
  dataDir,
  log: (line) => process.stderr.write(`${line}\n`),
  sync: { intervalMs: 0, timeoutMs: 60_000, pull: false },
})
engine.sync.stop()
process.stdout.write('ready\n')
const result = await engine.invokeAsync('sync.now', {})
process.stdout.write(`done ${JSON.stringify(result).slice(0, 500)}\n`)
engine.close()
