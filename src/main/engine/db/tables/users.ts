// Table types for kysely, matching migrations/: users and what is kept per user: two-factor secrets, custom fields, addresses, memberships and subscriptions.
import type { Generated } from 'kysely'

export interface UsersTable {
  id: Generated<number>
  first_name: string
  last_name: string
  email: string
  email_key: string
  password_hash: string | null
  user_type: string
  disabled: number
  custom_user_metas: string
  last_login_at: string | null
  created_at: string
  updated_at: string
  /** Sort keys kept by triggers (migrations/0014_name_sort_keys); sort by these, never by the names. */
  first_name_key: Generated<string>
  last_name_key: Generated<string>
}

export interface UserTwoFactorTable {
  user_id: number
  secret: string
  prepared_at: string
  confirmed_at: string | null
}

export interface CustomUserFieldsTable {
  id: Generated<number>
  type: string
  label: string
  user_meta_key: string
  default_value: string | null
  is_required: number
  option_label: string
  on_registration_page: number
  on_certificate: number
  report_exports: string
  display_order: number
  created_at: string
  updated_at: string
}

export interface UserAddressesTable {
  id: Generated<number>
  user_id: number
  address_type: string | null
  is_default: number
  full_name: string
  address_line1: string
  address_line2: string | null
  zipcode: string
  city: string
  state: string | null
  country: string
  created_at: string
  updated_at: string
}

export interface UserMembershipsTable {
  user_id: number
  plan_id: number
  name: string
  expired_at: string | null
  updated_at: string
}

export interface UserSubscriptionsTable {
  id: Generated<number>
  user_id: number
  item: string
  total: string
  status: string
  created_at: string
}
