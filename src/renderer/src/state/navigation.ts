// Where the user is, kept in the URL hash (#/users, #/courses/3, #/grading?course=2) so a
// reload or the back button keeps the page. The store mirrors the hash; `go` changes the
// hash. A page with unsaved work can set a leave guard that is asked before the page changes.
import { create } from 'zustand'
import type { MessageId } from '../i18n'

export const PAGE_KEYS = ['grading', 'attendance', 'import', 'certificates', 'users', 'courses', 'announcements', 'badges', 'categories', 'coupons', 'assignments', 'discussions', 'audit', 'accredible', 'sync', 'pending', 'settings'] as const
export type PageKey = (typeof PAGE_KEYS)[number]

/** Each page's name in the navigation (catalog keys). */
export const PAGE_LABELS: Record<PageKey, MessageId> = {
  grading: 'nav.grading',
  attendance: 'nav.attendance',
  import: 'nav.import',
  certificates: 'nav.certificates',
  users: 'nav.users',
  courses: 'nav.courses',
  announcements: 'nav.announcements',
  badges: 'nav.badges',
  categories: 'nav.categories',
  coupons: 'nav.coupons',
  assignments: 'nav.assignments',
  discussions: 'nav.discussions',
  audit: 'nav.audit',
  accredible: 'nav.accredible',
  sync: 'nav.sync',
  pending: 'nav.pending',
  settings: 'nav.settings',
}

export const DEFAULT_PAGE: PageKey = 'users'

/** Listed together under an "Admin" heading in the navigation. */
export const ADMIN_PAGES: ReadonlySet<PageKey> = new Set(['announcements', 'badges', 'categories', 'coupons', 'assignments', 'discussions', 'audit', 'accredible'])

export interface Route {
  page: PageKey
  /** The course whose detail view is open (#/courses/<id>). */
  courseId: number | null
  /** What follows `?` in the hash: a page's own state, such as the grading filters. */
  query: string
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '')
  const mark = text.indexOf('?')
  const [first, second] = (mark >= 0 ? text.slice(0, mark) : text).split('/')
  const page = (PAGE_KEYS as readonly string[]).includes(first ?? '') ? (first as PageKey) : DEFAULT_PAGE
  const id = page === 'courses' && second && /^\d{1,15}$/.test(second) ? Number(second) : null
  return { page, courseId: id && id > 0 ? id : null, query: mark >= 0 ? text.slice(mark + 1) : '' }
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

/**
 * Asked before the user leaves the current page (a link, the back button, a typed URL).
 * Answer true to let them go; false keeps them here, and the guard may call `proceed`
 * later (after a confirmation) to finish the navigation.
 */
export type LeaveGuard = (target: Route, proceed: () => void) => boolean

let leaveGuard: LeaveGuard | null = null

/** Installs a leave guard; returns the function that removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard
  return () => {
    if (leaveGuard === guard) leaveGuard = null
  }
}

/**
 * For moves inside a page that would drop its work (a tab, a "Back to the list" button):
 * asks the leave guard like leaving the page does, then `proceed`s if it agrees.
 */
export function leaveWithinPage(proceed: () => void): void {
  const guard = leaveGuard
  if (!guard || guard(useNavigation.getState().route, proceed)) proceed()
}

/** Keeps a page's own state in the hash query without a history entry or a hashchange. */
export function replaceHashQuery(query: string): void {
  const { route } = useNavigation.getState()
  // The address already names another page whose hashchange is still queued: this page is
  // being left, and writing its address now would cancel that navigation.
  const addressed = parseHash(window.location.hash)
  if (addressed.page !== route.page || addressed.courseId !== route.courseId) return
  const href = routeHref(route) + (query ? `?${query}` : '')
  if (window.location.hash !== href) window.history.replaceState(window.history.state, '', href)
  if (route.query !== query) useNavigation.setState({ route: { ...route, query } })
}

window.addEventListener('hashchange', (event) => {
  const target = parseHash(window.location.hash)
  const current = useNavigation.getState().route
  // Another page, or another record of this one (#/courses/3 to #/courses), leaves it.
  if (leaveGuard && (target.page !== current.page || target.courseId !== current.courseId)) {
    const guard = leaveGuard
    const href = window.location.hash
    const proceed = () => {
      if (leaveGuard === guard) leaveGuard = null
      window.location.hash = href
    }
    if (!guard(target, proceed)) {
      // Stay: put the page's own address back without adding to the history.
      const old = new URL(event.oldURL).hash
      window.history.replaceState(window.history.state, '', old || routeHref(current))
      return
    }
  }
  useNavigation.setState({ route: target, focusPending: true })
})
