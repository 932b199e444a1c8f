// How a user appears as a row of the lists that show users (the users list, the users
// report, a membership's holders).
import { USER_TYPE_LABELS, type UserType } from '../../../../shared/operations/users'
import { avatarSvg } from '../../avatar'
import { dateTimeText, relativeText } from '../../format'

export const userTypeLabel = (t: string) => USER_TYPE_LABELS[t as UserType] ?? t

/** The columns a users list reads. */
export const USER_LIST_COLUMNS = ['users.id', 'users.first_name', 'users.last_name', 'users.email', 'users.user_type', 'users.created_at', 'users.last_login_at'] as const

type UserListRow = { id: number; first_name: string; last_name: string; email: string; user_type: string; created_at: string; last_login_at: string | null }

/** A user as the users list and a membership's holders answer it. */
export function userListRecord(u: UserListRow, now: Date) {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    avatar: avatarSvg(u.id, u.first_name, u.last_name),
    user_type: u.user_type as UserType,
    display_user_type: userTypeLabel(u.user_type),
    created_at: dateTimeText(u.created_at),
    last_login: relativeText(u.last_login_at, now),
  }
}
