// Which component shows each page. Each page is its own chunk, loaded when first opened:
// the first load carries the shell and the page it opens on, not all fifteen.
import { Center, Loader } from '@mantine/core'
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import type { PageKey } from '../state/navigation'
import { useNavigation } from '../state/navigation'
import { useT } from '../i18n'

/** A page module's named export as a lazily loaded component. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: pick(module) })))
}

const admin = () => import('./admin/pages')

const PAGES: Record<PageKey, LazyExoticComponent<ComponentType>> = {
  grading: page(() => import('./grading/GradingPage'), (m) => m.GradingPage),
  attendance: page(() => import('./attendance/AttendancePage'), (m) => m.AttendancePage),
  import: page(() => import('./import/ImportPage'), (m) => m.ImportPage),
  certificates: page(() => import('./certificates/CertificatesPage'), (m) => m.CertificatesPage),
  users: page(() => import('./users/UsersPage'), (m) => m.UsersPage),
  courses: page(() => import('./courses/CoursesPage'), (m) => m.CoursesPage),
  announcements: page(admin, (m) => m.AnnouncementsPage),
  badges: page(admin, (m) => m.BadgesPage),
  categories: page(admin, (m) => m.CategoriesPage),
  coupons: page(admin, (m) => m.CouponsPage),
  assignments: page(admin, (m) => m.AssignmentsPage),
  discussions: page(admin, (m) => m.DiscussionsPage),
  audit: page(admin, (m) => m.AuditPage),
  accredible: page(() => import('./admin/AccrediblePage'), (m) => m.AccrediblePage),
  sync: page(() => import('./sync/SyncPage'), (m) => m.SyncPage),
  pending: page(() => import('./sync/PendingPage'), (m) => m.PendingPage),
  settings: page(() => import('./settings/SettingsPage'), (m) => m.SettingsPage),
}

function PageLoading() {
  const t = useT()
  return (
    <Center py="xl">
      <Loader size="sm" aria-label={t('app.loadingPage')} />
    </Center>
  )
}

export function PageView() {
  const key = useNavigation((s) => s.route.page)
  const Page = PAGES[key]
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  )
}
