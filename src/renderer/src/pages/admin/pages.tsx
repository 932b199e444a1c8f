// The admin screens: one generic page, one configuration per group; the audit log, which
// is searched by record and action, has a page of its own.
import { AdminListPage } from './AdminListPage'
import { announcementsAdmin } from './announcements'
import { badgesAdmin } from './badges'
import { categoriesAdmin } from './categories'
import { couponsAdmin } from './coupons'
import { assignmentsAdmin, discussionsAdmin } from './modules'

export const AnnouncementsPage = () => <AdminListPage config={announcementsAdmin} />
export const BadgesPage = () => <AdminListPage config={badgesAdmin} />
export const CategoriesPage = () => <AdminListPage config={categoriesAdmin} />
export const CouponsPage = () => <AdminListPage config={couponsAdmin} />
export const AssignmentsPage = () => <AdminListPage config={assignmentsAdmin} />
export const DiscussionsPage = () => <AdminListPage config={discussionsAdmin} />
export { AuditPage } from './AuditPage'
