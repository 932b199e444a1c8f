// Which component shows each page.
import type { PageKey } from '../state/navigation'
import { useNavigation } from '../state/navigation'
import { CoursesPage } from './courses/CoursesPage'
import { GradingPage } from './grading/GradingPage'
import { CertificatesPage } from './certificates/CertificatesPage'
import { AttendancePage } from './attendance/AttendancePage'
import { ImportPage } from './import/ImportPage'
import { SyncPage } from './sync/SyncPage'
import { PendingPage } from './sync/PendingPage'
import { UsersPage } from './users/UsersPage'
import { AccrediblePage } from './admin/AccrediblePage'
import { AnnouncementsPage, AssignmentsPage, AuditPage, BadgesPage, CategoriesPage, CouponsPage, DiscussionsPage } from './admin/pages'

const PAGES: Record<PageKey, () => React.JSX.Element> = {
  grading: GradingPage,
  attendance: AttendancePage,
  import: ImportPage,
  certificates: CertificatesPage,
  users: UsersPage,
  courses: CoursesPage,
  announcements: AnnouncementsPage,
  badges: BadgesPage,
  categories: CategoriesPage,
  coupons: CouponsPage,
  assignments: AssignmentsPage,
  discussions: DiscussionsPage,
  audit: AuditPage,
  accredible: AccrediblePage,
  sync: SyncPage,
  pending: PendingPage,
}

export function PageView() {
  const page = useNavigation((s) => s.route.page)
  const Page = PAGES[page]
  return <Page />
}
