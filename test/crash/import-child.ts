// The laptop process for the import crash runs: loads the engine, takes its arguments
// (dataDir, csvPath, batchSize) from the parent, opens the data folder, says "ready",
// commits a CSV import in batches and says "done" when it answers. The parent SIGKILLs it
// at a random moment in between, as a power cut would.
import { Engine } from '../../src/main/engine/engine'
import { argumentsFromParent } from './child'

const [dataDir, csvPath, batchSize] = await argumentsFromParent()
const engine = await Engine.open({ dataDir, log: (line) => process.stderr.write(`${line}\n`), sync: { intervalMs: 0 } })
engine.sync.stop()
process.stdout.write('ready\n')
const result = await engine.invokeAsync('import.commit', { path: csvPath, mode: 'add_new', batchSize: Number(batchSize) })
process.stdout.write(`done ${JSON.stringify(result).slice(0, 500)}\n`)
engine.close()
