// A user's membership plan and the new-account email (Users group).
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id } from '../contract/list-params'

/** Documented as a JSON string `{"id":4,"name":"Gold Plan","expired_at":"2021-10-01 23:00:00"}`; an object is taken too. */
const membership = z
  .union([z.string().max(5000), z.record(z.string(), z.unknown()), z.null()])
  .transform((value, ctx) => {
    if (value === null || (typeof value === 'string' && value.trim() === '')) return null
    let parsed: unknown = value
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value)
      } catch {
        ctx.addIssue({ code: 'custom', message: 'The membership must be a valid JSON string.' })
        return z.NEVER
      }
    }
    const shape = z
      .object({
        id: id,
        name: z.string().trim().min(1).max(255),
        expired_at: z.string().max(40).nullish(),
      })
      .safeParse(parsed)
    if (!shape.success) {
      ctx.addIssue({ code: 'custom', message: 'The membership must have an id, a name and optionally expired_at.' })
      return z.NEVER
    }
    const expires = shape.data.expired_at
    if (expires && Number.isNaN(new Date(expires.replace(' ', 'T')).getTime())) {
      ctx.addIssue({ code: 'custom', message: 'The membership expired_at is not a valid date.' })
      return z.NEVER
    }
    return { id: shape.data.id, name: shape.data.name, expired_at: expires ?? null }
  })

export const usersUpdateMembership = defineOperation({
  name: 'users.updateMembership',
  summary: "Set or clear a user's membership plan",
  kind: 'write',
  method: 'PUT',
  route: 'api/user/{id}/update-membership',
  input: z.object({ id, membership: membership.refine((v) => v !== undefined, { error: 'The membership field is required.' }) }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user', refs: { id: 'user' } },
})

export const emailResendNewAccount = defineOperation({
  name: 'email.resendNewAccountEmail',
  summary: 'Send the new-account email again (offline: queued until the next sync)',
  kind: 'write',
  method: 'POST',
  route: 'api/email/resendNewAccountEmail',
  input: z.object({ user_id: id }),
  output: returns<{ status: string; message: string }[]>(),
  sync: { entity: 'user', refs: { user_id: 'user' } },
})

export const userAccountOperations = [usersUpdateMembership, emailResendNewAccount] as const
