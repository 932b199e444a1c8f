// Where the user is, kept in the URL hash (#/users, #/courses/3) so a reload or the
// back button keeps the page. The store mirrors the hash; `go` changes the hash.
import { create } from 'zustand'

export const PAGE_KEYS = ['grading', 'attendance', 'import', 'certificates', 'users', 'courses', 'sync'] as const
export type PageKey = (typeof PAGE_KEYS)[number]

export const PAGE_LABELS: Record<PageKey, string> = {
  grading: 'Grading',
  attendance: 'Attendance',
  import: 'Import',
  certificates: 'Certificates',
  users: 'Users',
  courses: 'Courses',
  sync: 'Sync',
}

export const DEFAULT_PAGE: PageKey = 'users'

export interface Route {
  page: PageKey
  /** The course whose detail view is open (#/courses/<id>). */
  courseId: number | null
}

export function parseHash(hash: string): Route {
  const [first, second] = hash.replace(/^#\/?/, '').split('/')
  const page = (PAGE_KEYS as readonly string[]).includes(first ?? '') ? (first as PageKey) : DEFAULT_PAGE
  const id = page === 'courses' && second && /^\d{1,15}$/.test(second) ? Number(second) : null
  return { page, courseId: id && id > 0 ? id : null }
}

export function routeHref(route: { page: PageKey; courseId?: number | null }): string {
  return route.courseId ? `#/${route.page}/${route.courseId}` : `#/${route.page}`
}

interface NavigationState {
  route: Route
  /** True after in-app navigation until the new page's heading has taken focus. */
  focusPending: boolean
  go(route: { page: PageKey; courseId?: number | null }): void
}

export const useNavigation = create<NavigationState>(() => ({
  route: parseHash(window.location.hash),
  focusPending: false,
  go(route) {
    window.location.hash = routeHref(route)
  },
}))

window.addEventListener('hashchange', () => {
  useNavigation.setState({ route: parseHash(window.location.hash), focusPending: true })
})
