// The admin screens: one generic page, one configuration per group.
import { AdminListPage } from './AdminListPage'
import { announcementsAdmin } from './announcements'
import { badgesAdmin } from './badges'
import { categoriesAdmin } from './categories'
import { couponsAdmin } from './coupons'

export const AnnouncementsPage = () => <AdminListPage config={announcementsAdmin} />
export const BadgesPage = () => <AdminListPage config={badgesAdmin} />
export const CategoriesPage = () => <AdminListPage config={categoriesAdmin} />
export const CouponsPage = () => <AdminListPage config={couponsAdmin} />
