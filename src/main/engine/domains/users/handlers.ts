import { sql, type ExpressionBuilder } from 'kysely'
import { USER_TYPES, USER_TYPE_LABELS, usersCreate, type UserType } from '../../../../shared/operations/users'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import type { DB } from '../../db/schema'
import { invalid } from '../../errors'
import { dateText, dateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { withdrawNeverSent } from '../../unsent'
import { countRows, fetchPage, fullNameExpr, matchesText, walksSortOrder } from '../../list'
import { searchIndexed } from '../../trigram-search'
import { hashPassword } from '../../password'
import { enrollUsers, splitByEnrollments } from '../courses/index'
import { emailKey, findUserByEmail, fullName, missingUserIds, requireUser } from './queries'
import { enrollIntoAutoEnrollCourses } from '../course-admin/index'

const userTypeLabel = (t: string) => USER_TYPE_LABELS[t as UserType] ?? t

function assertEmailFree(ctx: EngineContext, email: string, exceptId?: number): void {
  const existing = findUserByEmail(ctx, email)
  if (existing && existing.id !== exceptId) throw invalid('email', 'reason.email_taken')
}

export const userHandlers = defineHandlers({
  'users.tabularList'(ctx, input) {
    const filters = input.search_param ?? {}
    const base = ctx.qb.selectFrom('users')
    const text = filters.nameOrEmail?.trim()
    const types = filters.userType?.length ? filters.userType : undefined
    const courseName = filters.courseName?.trim()
    const recordsTotal = countRows(ctx.sql, base.select('users.id'))
    const search = text
      ? searchIndexed(ctx.sql, 'users', 'users.id', [fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], text, recordsTotal)
      : undefined
    const enrolled = courseName
      ? (eb: ExpressionBuilder<DB, 'users'>) =>
          eb.exists(
            eb
              .selectFrom('enrollments')
              .innerJoin('courses', 'courses.id', 'enrollments.course_id')
              .whereRef('enrollments.user_id', '=', 'users.id')
              .where(matchesText(['courses.name'], courseName))
              .select('enrollments.id'),
          )
      : undefined
    let counted = base.select('users.id')
    if (search) counted = counted.where(search.narrowed)
    if (types) counted = counted.where('users.user_type', 'in', types)
    if (enrolled) counted = counted.where(enrolled)
    const recordsFiltered =
      !search && !types && !enrolled
        ? recordsTotal
        : search?.matched !== undefined && !types && !enrolled
          ? search.matched
          : countRows(ctx.sql, counted)
    // Many matching users: walking the sort order and skipping the others finds a page
    // sooner than reading them all and sorting them, so the page tests each row (LIKE,
    // not the search index) and keeps the user_type index out (the unary +).
    const walk = walksSortOrder(recordsFiltered, recordsTotal)
    let filtered = base.select([
      'users.id',
      'users.first_name',
      'users.last_name',
      'users.email',
      'users.user_type',
      'users.created_at',
      'users.last_login_at',
      'users.disabled',
    ])
    if (search) filtered = filtered.where(walk ? search.scanned : search.narrowed)
    if (types) {
      const column = walk ? sql<string>`+${sql.ref('users.user_type')}` : sql.ref<string>('users.user_type')
      filtered = filtered.where((eb) => eb(column, 'in', types))
    }
    if (enrolled) filtered = filtered.where(enrolled)
    const page = fetchPage<
      {
        id: number
        first_name: string
        last_name: string
        email: string
        user_type: string
        created_at: string
        last_login_at: string | null
        disabled: number
      },
      'id' | 'first_name' | 'last_name' | 'email' | 'user_type' | 'created_at' | 'last_login'
    >(ctx.sql, {
      total: base.select('users.id'),
      filtered,
      request: input,
      sortColumns: {
        id: 'users.id',
        first_name: 'users.first_name_key',
        last_name: 'users.last_name_key',
        email: 'users.email_key',
        user_type: 'users.user_type',
        created_at: 'users.created_at',
        last_login: 'users.last_login_at',
      },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'users.id',
      known: { recordsTotal, recordsFiltered },
    })
    const now = ctx.now()
    return {
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((u) => ({
        id: u.id,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        avatar: avatarSvg(u.id, u.first_name, u.last_name),
        user_type: u.user_type as UserType,
        display_user_type: userTypeLabel(u.user_type),
        created_at: dateTimeText(u.created_at),
        last_login: relativeText(u.last_login_at, now),
        disabled: u.disabled === 1,
      })),
    }
  },

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
          disabled: next.disabled === 1,
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

  'users.enrolledCourses'(ctx, input) {
    requireUser(ctx, input.user_id)
    const filters = input.search_param ?? {}
    const base = ctx.qb
      .selectFrom('enrollments')
      .innerJoin('courses', 'courses.id', 'enrollments.course_id')
      .where('enrollments.user_id', '=', input.user_id)
    let filtered = base.select([
      'enrollments.id',
      'enrollments.course_id',
      'courses.featured_image_url',
      'courses.slug',
      'courses.name',
      'enrollments.last_accessed_at',
      'enrollments.status',
      'enrollments.access_status',
      'enrollments.percent_complete',
      'enrollments.registered_at',
      'enrollments.started_at',
      'enrollments.completed_at',
      'enrollments.expire_at',
    ])
    if (filters.status?.length) filtered = filtered.where('enrollments.status', 'in', filters.status)
    if (filters.courseName?.trim()) filtered = filtered.where(matchesText(['courses.name'], filters.courseName.trim()))
    const page = fetchPage<
      {
        id: number
        course_id: number
        featured_image_url: string | null
        slug: string
        name: string
        last_accessed_at: string | null
        status: string
        access_status: string
        percent_complete: number
        registered_at: string
        started_at: string | null
        completed_at: string | null
        expire_at: string | null
      },
      'registered_on' | 'courseName' | 'status' | 'percentComplete' | 'lastAccessed' | 'started_on' | 'completed_on'
    >(ctx.sql, {
      total: base.select('enrollments.id'),
      filtered,
      request: input,
      sortColumns: {
        registered_on: 'enrollments.registered_at',
        courseName: 'courses.name_key',
        status: 'enrollments.status',
        percentComplete: 'enrollments.percent_complete',
        lastAccessed: 'enrollments.last_accessed_at',
        started_on: 'enrollments.started_at',
        completed_on: 'enrollments.completed_at',
      },
      defaultOrder: { colName: 'registered_on', direction: 'desc' },
      tieBreaker: 'enrollments.id',
    })
    const now = ctx.now()
    return {
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((r) => ({
        id: r.id,
        courseId: r.course_id,
        featuredImageUrl: r.featured_image_url,
        courseSlug: r.slug,
        courseName: r.name,
        lastAccessed: relativeText(r.last_accessed_at, now),
        status: r.status,
        display_status: r.status,
        accessStatus: r.access_status,
        percentComplete: r.percent_complete,
        registered_on: dateText(r.registered_at),
        started_on: dateText(r.started_at),
        completed_on: dateText(r.completed_at),
        expire_on: r.expire_at ? dateText(r.expire_at) : 'Never',
        isExpired: r.expire_at !== null && new Date(r.expire_at) < now,
      })),
    }
  },
})
