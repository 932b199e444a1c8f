// Two-factor authentication for a user. The secret is shown only by these operations (the
// documented detail and prepare answers); lists, logs and the sync queue never carry it.
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { invalid } from '../../errors'
import { requireUser } from '../users/index'
import { codeMatches, newSecret, otpauthUri, qrSvg } from './totp'

function setupOf(ctx: EngineContext, userId: number) {
  const user = requireUser(ctx, userId)
  const row = ctx.sql.first(ctx.qb.selectFrom('user_two_factor').selectAll().where('user_id', '=', userId))
  if (!row) return { as_qr_code: null, as_uri: null, as_string: null, enabled: false }
  const uri = otpauthUri(row.secret, user.email)
  return { as_qr_code: qrSvg(uri), as_uri: uri, as_string: row.secret, enabled: row.confirmed_at !== null }
}

export const twoFactorHandlers = defineHandlers({
  'twoFactor.get'(ctx, input) {
    return setupOf(ctx, input.user_id)
  },

  // A new secret replaces any earlier one and leaves two-factor off until it is confirmed.
  'twoFactor.prepare'(ctx, input) {
    requireUser(ctx, input.user_id)
    const row = { secret: newSecret(), prepared_at: ctx.nowIso(), confirmed_at: null }
    ctx.sql.run(
      ctx.qb
        .insertInto('user_two_factor')
        .values({ user_id: input.user_id, ...row })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(row)),
    )
    return setupOf(ctx, input.user_id)
  },

  'twoFactor.confirm'(ctx, input) {
    requireUser(ctx, input.user_id)
    const row = ctx.sql.first(ctx.qb.selectFrom('user_two_factor').selectAll().where('user_id', '=', input.user_id))
    if (!row) throw invalid('stringCode', 'reason.two_factor_not_prepared')
    if (row.secret !== input.stringCode) throw invalid('stringCode', 'reason.two_factor_stale')
    if (!codeMatches(row.secret, input.secretCode, ctx.now())) {
      throw invalid('secretCode', 'reason.two_factor_code_wrong')
    }
    if (row.confirmed_at === null) {
      ctx.sql.run(ctx.qb.updateTable('user_two_factor').set({ confirmed_at: ctx.nowIso() }).where('user_id', '=', input.user_id))
    }
    return { status: 'success', message: 'Two Factor Authentication activated' }
  },

  'twoFactor.disable'(ctx, input) {
    requireUser(ctx, input.user_id)
    ctx.sql.run(ctx.qb.deleteFrom('user_two_factor').where('user_id', '=', input.user_id))
    return { message: '2factor authentication disabled successfully', qrcode: null, stringcode: null }
  },
})
