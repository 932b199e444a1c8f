// Addresses: a user has at most one default address; making one default clears the
// others in the same transaction (a partial unique index holds the rule too).
import type { Selectable } from 'kysely'
import type { OpParsed } from '../../../../shared/operations/index'
import type { UserAddress } from '../../../../shared/operations/user-addresses'
import type { EngineContext } from '../../context'
import type { UserAddressesTable } from '../../db/schema'
import { notFound } from '../../errors'
import { defineHandlers } from '../../handlers'
import { requireUser } from '../users/index'

type AddressRow = Selectable<UserAddressesTable>

/** The address itself, as the API names its fields (the answers and the queued body). */
const addressFields = (r: AddressRow) => ({
  fullName: r.full_name,
  addressLine1: r.address_line1,
  addressLine2: r.address_line2 ?? '',
  zipcode: r.zipcode,
  city: r.city,
  state: r.state ?? '',
  country: r.country,
})

export function addressView(r: AddressRow): UserAddress {
  return { id: r.id, addresstype: r.address_type, isDefault: r.is_default === 1, ...addressFields(r) }
}

function requireAddress(ctx: EngineContext, id: number): AddressRow {
  const row = ctx.sql.first(ctx.qb.selectFrom('user_addresses').selectAll().where('id', '=', id))
  if (!row) throw notFound('reason.address_not_found', { id: String(id) })
  return row
}

type AddressBody = Omit<OpParsed<'users.addAddress'>, 'id'>

const columns = (input: AddressBody) => ({
  full_name: input.fullName,
  address_line1: input.addressLine1,
  address_line2: input.addressLine2,
  zipcode: input.zipcode,
  city: input.city,
  state: input.state,
  country: input.country,
})

/** The absolute body sent to the hosted LMS for this address. */
const changeBody = (r: AddressRow) => ({ ...addressFields(r), isDefault: r.is_default === 1 })

function clearDefault(ctx: EngineContext, userId: number, exceptId: number | null): void {
  let query = ctx.qb.updateTable('user_addresses').set({ is_default: 0, updated_at: ctx.nowIso() }).where('user_id', '=', userId).where('is_default', '=', 1)
  if (exceptId !== null) query = query.where('id', '!=', exceptId)
  ctx.sql.run(query)
}

export const userAddressHandlers = defineHandlers({
  'users.addAddress'(ctx, input) {
    const user = requireUser(ctx, input.id)
    const isDefault = input.isDefault === true
    if (isDefault) clearDefault(ctx, user.id, null)
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('user_addresses').values({
        user_id: user.id,
        address_type: null,
        is_default: isDefault ? 1 : 0,
        ...columns(input),
        created_at: at,
        updated_at: at,
      }),
    )
    ctx.recordChange({ localId: id, input: { id: user.id, ...changeBody(requireAddress(ctx, id)) } })
    return { message: 'Address added successfully', id }
  },

  'users.addresses'(ctx, input) {
    requireUser(ctx, input.id)
    return ctx.sql
      .all(ctx.qb.selectFrom('user_addresses').selectAll().where('user_id', '=', input.id).orderBy('id'))
      .map(addressView)
  },

  'users.defaultAddress'(ctx, input) {
    requireUser(ctx, input.id)
    return ctx.sql
      .all(ctx.qb.selectFrom('user_addresses').selectAll().where('user_id', '=', input.id).where('is_default', '=', 1))
      .map(addressView)
  },

  'users.getAddress'(ctx, input) {
    return [addressView(requireAddress(ctx, input.id))]
  },

  'users.updateAddress'(ctx, input) {
    const current = requireAddress(ctx, input.id)
    const isDefault = input.isDefault === undefined ? current.is_default : input.isDefault ? 1 : 0
    const next = { ...columns(input), is_default: isDefault }
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== current[k])
    if (changed) {
      if (isDefault === 1) clearDefault(ctx, current.user_id, current.id)
      ctx.sql.run(ctx.qb.updateTable('user_addresses').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', current.id))
      ctx.recordChange({ localId: current.id, input: { id: current.id, ...changeBody(requireAddress(ctx, current.id)) } })
    }
    return { message: 'Address updated successfully' }
  },
})

