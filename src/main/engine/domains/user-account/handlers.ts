// A user's membership plan, and the new-account email: mail is sent by the hosted LMS, so
// offline the request is queued and the answer says it will go out at the next sync.
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { requireUser } from '../users/index'

function membershipOf(ctx: EngineContext, userId: number) {
  return ctx.sql.first(ctx.qb.selectFrom('user_memberships').selectAll().where('user_id', '=', userId))
}

/** "2021-10-01 23:00:00" as the hosted API writes it, from ISO. */
const plainDateTime = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : null)

export const userAccountHandlers = defineHandlers({
  'users.updateMembership'(ctx, input) {
    const user = requireUser(ctx, input.id)
    const current = membershipOf(ctx, user.id)
    const wanted = input.membership
    const expires = wanted?.expired_at ? new Date(wanted.expired_at.replace(' ', 'T')).toISOString() : null
    const same = wanted
      ? current?.plan_id === wanted.id && current.name === wanted.name && current.expired_at === expires
      : current === undefined
    if (!same) {
      ctx.sql.run(ctx.qb.deleteFrom('user_memberships').where('user_id', '=', user.id))
      if (wanted) {
        ctx.sql.run(
          ctx.qb.insertInto('user_memberships').values({ user_id: user.id, plan_id: wanted.id, name: wanted.name, expired_at: expires, updated_at: ctx.nowIso() }),
        )
      }
      ctx.audit({ effectOn: 'User', subjectId: user.id, action: 'Updated', details: ['membership'] })
      ctx.recordChange({
        localId: user.id,
        input: { id: user.id, membership: wanted ? JSON.stringify({ id: wanted.id, name: wanted.name, expired_at: plainDateTime(expires) }) : null },
      })
    }
    return { message: 'User updated successfully' }
  },

  'email.resendNewAccountEmail'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    ctx.recordChange({ localId: user.id, input: { user_id: user.id } })
    return [
      {
        status: 'queued',
        message: `The new account email to ${user.email} is queued: the hosted LMS creates a new password and sends it at the next sync.`,
      },
    ]
  },
})
