// `npm run bench`: every benchmark, one summary table, one JSON file of figures.
// `npm run bench -- web lists`: only the benchmarks named (see BENCHMARKS).
import { report, settle, type Figure } from './harness'
import { benchGrading } from './grading.bench'
import { benchLists } from './lists.bench'
import { benchActivityLists } from './activity-lists.bench'
import { benchSyncPush } from './sync.bench'
import { benchSyncPull } from './sync-pull.bench'
import { benchImport } from './import.bench'
import { benchImportBounded } from './import-bounded.bench'
import { benchAttendance } from './attendance.bench'
import { benchCatalog } from './catalog.bench'
import { benchCertificates } from './certificates.bench'
import { benchWeb } from './web.bench'

const BENCHMARKS: [name: string, run: () => Promise<Figure[]>][] = [
  ['lists', () => benchLists()],
  ['activity-lists', benchActivityLists],
  ['grading', benchGrading],
  ['sync', benchSyncPush],
  ['sync-pull', benchSyncPull],
  ['import', benchImport],
  ['import-bounded', benchImportBounded],
  ['attendance', benchAttendance],
  ['catalog', benchCatalog],
  ['certificates', benchCertificates],
  ['web', benchWeb],
]

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !BENCHMARKS.some(([known]) => known === name))
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map(([name]) => name).join(', ')}.`)
  process.exit(2)
}
const chosen = asked.length ? BENCHMARKS.filter(([name]) => asked.includes(name)) : BENCHMARKS

const figures: Figure[] = []
for (const [i, [, run]] of chosen.entries()) {
  if (i > 0) await settle()
  figures.push(...(await run()))
}
figures.push({ name: 'peak RSS of the benchmark process', unit: 'MB', value: process.resourceUsage().maxRSS / 1024 })
report(figures)
