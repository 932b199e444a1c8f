// The laptop process for the import crash runs: loads the engine, takes its arguments
// (dataDir, csvPath, batchSize, courseId) from the parent, opens the data folder, says "ready",
// commits a CSV import in batches (saying "writing" when the first is written) and says "done" when it answers. The parent SIGKILLs it
// at a random moment in between, as a power cut would.
import { openLmsEngine } from '../../src/main/host/open-engine'
import { argumentsFromParent } from './child'

const [dataDir, csvPath, batchSize, courseId] = await argumentsFromParent()
const engine = await openLmsEngine({ dataDir, log: (line) => process.stderr.write(`${line}
`), sync: { intervalMs: 0 } })
engine.sync.stop()
// The parent times its kill from the first batch being written, so that kills land among
// the batch transactions rather than in the reading and checking before them.
let writing = false
engine.onEvent((event) => {
  if (!writing && event.type === 'import' && (event as { phase?: string }).phase === 'writing') {
    writing = true
    process.stdout.write('writing\n')
  }
})
process.stdout.write('ready\n')
// Every imported user is enrolled too: undoing a cut import must take the enrollments back.
const result = await engine.invokeAsync('import.commit', { path: csvPath, mode: 'add_new', batchSize: Number(batchSize), selectedCourses: [Number(courseId)] })
process.stdout.write(`done ${JSON.stringify(result).slice(0, 500)}\n`)
engine.close()
