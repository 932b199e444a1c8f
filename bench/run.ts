// `npm run bench`: every benchmark, one summary table, one JSON file of figures.
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

const figures: Figure[] = []
figures.push(...(await benchLists()))
await settle()
figures.push(...(await benchActivityLists()))
await settle()
figures.push(...(await benchGrading()))
await settle()
figures.push(...(await benchSyncPush()))
await settle()
figures.push(...(await benchSyncPull()))
await settle()
figures.push(...(await benchImport()))
await settle()
figures.push(...(await benchImportBounded()))
await settle()
figures.push(...(await benchAttendance()))
await settle()
figures.push(...(await benchCatalog()))
await settle()
figures.push(...(await benchCertificates()))
figures.push({ name: 'peak RSS of the benchmark process', unit: 'MB', value: process.resourceUsage().maxRSS / 1024 })
report(figures)
