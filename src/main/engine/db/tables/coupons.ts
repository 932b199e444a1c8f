// Table types for kysely, matching migrations/: coupons and the orders that used them.
import type { Generated } from 'kysely'

export interface CouponsTable {
  id: Generated<number>
  code: string
  code_key: string
  type: string
  value: number
  usage_limit: number | null
  expiry: string | null
  allowed_emails: string | null
  notes: string | null
  created_at: string
  updated_at: string
}

export interface OrdersTable {
  id: Generated<number>
  user_id: number | null
  coupon_id: number | null
  total: number
  created_at: string
}
