// `npm run bench`: every benchmark, one summary table, one JSON file of figures.
import { report, type Figure } from './harness'
import { benchGrading } from './grading.bench'
import { benchLists } from './lists.bench'
import { benchActivityLists } from './activity-lists.bench'
import { benchSyncPush } from './sync.bench'
import { benchSyncPull } from './sync-pull.bench'
import { benchImport } from './import.bench'
import { benchAttendance } from './attendance.bench'
import { benchCatalog } from './catalog.bench'
import { benchCertificates } from './certificates.bench'

const figures: Figure[] = []
figures.push(...(await benchLists()))
figures.push(...(await benchActivityLists()))
figures.push(...(await benchGrading()))
figures.push(...(await benchSyncPush()))
figures.push(...(await benchSyncPull()))
figures.push(...(await benchImport()))
figures.push(...(await benchAttendance()))
figures.push(...(await benchCatalog()))
figures.push(...(await benchCertificates()))
figures.push({ name: 'peak RSS of the benchmark process', unit: 'MB', value: process.resourceUsage().maxRSS / 1024 })
report(figures)
