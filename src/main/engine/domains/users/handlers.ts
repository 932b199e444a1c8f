import { USER_TYPES, USER_TYPE_LABELS, usersCreate, type UserType } from '../../../../shared/operations/users'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import { invalid } from '../../errors'
import { dateText } from '../../format'
import { defineHandlers } from '../../handlers'
import { withdrawNeverSent } from '../../unsent'
import { userLists } from './list'
import { hashPassword } from '../../password'
import { enrollUsers, splitByEnrollments } from '../courses/index'
import { emailKey, findUserByEmail, fullName, missingUserIds, requireUser } from './queries'
import { enrollIntoAutoEnrollCourses } from '../course-admin/index'

function assertEmailFree(ctx: EngineContext, email: string, exceptId?: number): void {
  const existing = findUserByEmail(ctx, email)
  if (existing && existing.id !== exceptId) throw invalid('email', 'reason.email_taken')
}

export const userHandlers = defineHandlers({
  ...userLists,

  'users.lookup'(ctx) {
    // "Retrieves all the users": the documented dropdown source answers every one (pickers
    // in this app search on the server instead, users.pick).
    const rows = ctx.sql.all(ctx.qb.selectFrom('users').select(['id', 'first_name', 'last_name', 'email']).orderBy('id'))
    return rows.map((u) => ({ id: u.id, full_name: fullName(u), email: u.email }))
  },

  'userTypes.lookup'() {
    return USER_TYPES.map((t) => ({ db_value: t, display_name: USER_TYPE_LABELS[t] }))
  },

  'users.byType'(ctx, input) {
    const type = input.userType
    if (!type || !(USER_TYPES as readonly string[]).includes(type)) return { records: [] }
    const rows = ctx.sql.all(
      ctx.qb
        .selectFrom('users')
        .select(['id', 'first_name', 'last_name', 'email'])
        .where('user_type', '=', type)
        .orderBy('first_name_key')
        .orderBy('last_name_key')
        .orderBy('id'),
    )
    return { records: rows.map((u) => ({ id: u.id, name: `${fullName(u)}(${u.email})` })) }
  },

  'users.create'(ctx, input) {
    assertEmailFree(ctx, input.email)
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('users').values({
        first_name: input.firstName,
        last_name: input.lastName ?? '',
        email: input.email,
        email_key: emailKey(input.email),
        password_hash: hashPassword(input.password),
        user_type: 'general',
        disabled: 0,
        custom_user_metas: '[]',
        last_login_at: null,
        created_at: at,
        updated_at: at,
      }),
    )
    ctx.audit({ effectOn: 'User', subjectId: id, action: 'Created' })
    // The hosted API needs the password to create the account, so the queued request
    // keeps it; the queue lives in the same local database as the hash.
    ctx.recordChange({
      localId: id,
      input: {
        firstName: input.firstName,
        lastName: input.lastName ?? '',
        email: input.email,
        password: input.password,
        password_confirmation: input.password,
      },
    })
    enrollIntoAutoEnrollCourses(ctx, id)
    return { id, message: 'User created successfully' }
  },

  'users.get'(ctx, input) {
    const u = requireUser(ctx, input.id)
    return {
      id: u.id,
      firstName: u.first_name,
      lastName: u.last_name,
      email: u.email,
      lastLoggedIn: u.last_login_at ? dateText(u.last_login_at) : 'Never',
      avatar: avatarSvg(u.id, u.first_name, u.last_name, 100),
      disabled: u.disabled === 1,
      userType: u.user_type as UserType,
      customUserMetas: JSON.parse(u.custom_user_metas) as string[],
    }
  },

  'users.update'(ctx, input) {
    const u = requireUser(ctx, input.id)
    assertEmailFree(ctx, input.email, u.id)
    const next = {
      first_name: input.firstName,
      last_name: input.lastName ?? '',
      email: input.email,
      email_key: emailKey(input.email),
      disabled: input.disabled === undefined ? u.disabled : input.disabled ? 1 : 0,
      custom_user_metas: input.customUserMetas ? JSON.stringify(input.customUserMetas) : u.custom_user_metas,
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== u[k])
    if (changed.length > 0) {
      ctx.sql.run(ctx.qb.updateTable('users').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', u.id))
      ctx.audit({ effectOn: 'User', subjectId: u.id, action: 'Updated', details: changed.filter((k) => k !== 'email_key') })
      // Absolute values, so a resend is harmless.
      ctx.recordChange({
        localId: u.id,
        input: {
          id: u.id,
          firstName: next.first_name,
          lastName: next.last_name,
          email: next.email,
          // Only when said: sync then reads the hosted LMS's own (it may differ, unread yet).
          ...(input.disabled === undefined ? {} : { disabled: next.disabled === 1 }),
          customUserMetas: JSON.parse(next.custom_user_metas),
        },
      })
    }
    return { message: 'User updated successfully' }
  },

  'users.updatePassword'(ctx, input) {
    const u = requireUser(ctx, input.id)
    ctx.sql.run(
      ctx.qb
        .updateTable('users')
        .set({ password_hash: hashPassword(input.password), updated_at: ctx.nowIso() })
        .where('id', '=', u.id),
    )
    ctx.audit({ effectOn: 'User', subjectId: u.id, action: 'Updated', details: ['password'] })
    ctx.recordChange({ localId: u.id, input: { id: u.id, password: input.password, confirmPassword: input.password } })
    return { message: 'Password updated successfully' }
  },

  'users.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const missing = missingUserIds(ctx, ids)
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    const actor = ctx.actor()
    if (actor && ids.includes(actor.id)) throw invalid('delete_ids', 'reason.delete_self')
    const { free: deleted, enrolled: notDeleted } = splitByEnrollments(ctx, 'user_id', ids)
    for (const id of deleted) {
      // Audited first, while the record is there to be named (audit_subjects keeps the name).
      ctx.audit({ effectOn: 'User', subjectId: id, action: 'Deleted' })
      ctx.sql.run(ctx.qb.deleteFrom('users').where('id', '=', id))
      if (!withdrawNeverSent(ctx, 'user', id, usersCreate.name)) ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    const parts: string[] = []
    if (deleted.length) parts.push(`${deleted.length} user(s) deleted successfully.`)
    if (notDeleted.length)
      parts.push(
        `${notDeleted.length} student(s) not deleted as they has enrollments. Please remove the student(s) from the course and try again.`,
      )
    return { message: parts.join(' '), deleted, notDeleted }
  },

  'users.quickEdit'(ctx, input) {
    const ids = [...new Set(input.user_ids)]
    const missing = missingUserIds(ctx, ids)
    if (missing.length) throw invalid('user_ids', 'reason.ids_invalid', { field: 'user_ids', ids: missing.join(', ') })
    const disabled = input.disabled ? 1 : 0
    for (const id of ids) {
      const { changes } = ctx.sql.run(
        ctx.qb
          .updateTable('users')
          .set({ disabled, updated_at: ctx.nowIso() })
          .where('id', '=', id)
          .where('disabled', '!=', disabled),
      )
      if (changes > 0) {
        ctx.audit({ effectOn: 'User', subjectId: id, action: 'Updated', details: ['disabled'] })
        ctx.recordChange({ localId: id, input: { user_ids: [id], disabled: input.disabled } })
      }
    }
    for (const courseId of new Set(input.course_ids ?? [])) enrollUsers(ctx, courseId, ids, null)
    return { message: 'Users updated Successfully' }
  },
})
