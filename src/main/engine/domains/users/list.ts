// The users list and one user's enrolled courses.
import { sql, type ExpressionBuilder } from 'kysely'
import type { DB } from '../../db/schema'
import { defineList } from '../../define-list'
import { dateText, relativeText } from '../../format'
import { containsText, countRows, fullNameExpr, isAnyOf, matchesText, walksSortOrder } from '../../list'
import { searchIndexed } from '../../trigram-search'
import { ENROLLMENT_COLUMNS, enrollmentDates } from '../courses/index'
import { learnerEnrollments } from './queries'
import { USER_LIST_COLUMNS, userListRecord } from './rows'

export const userLists = {
  ...defineList('users.tabularList', {
    sort: {
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
    // The filters are read here: how the search reads the rows depends on how many match.
    query: (ctx, input) => {
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
      let rows = base.select([...USER_LIST_COLUMNS, 'users.disabled'])
      if (search) rows = rows.where(walk ? search.scanned : search.narrowed)
      if (types) {
        const column = walk ? sql<string>`+${sql.ref('users.user_type')}` : sql.ref<string>('users.user_type')
        rows = rows.where((eb) => eb(column, 'in', types))
      }
      if (enrolled) rows = rows.where(enrolled)
      return { total: base.select('users.id'), rows, known: { recordsTotal, recordsFiltered } }
    },
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((u) => ({ ...userListRecord(u, now), disabled: u.disabled === 1 }))
    },
  }),

  ...defineList('users.enrolledCourses', {
    sort: {
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
    query: (ctx, input) => {
      const base = learnerEnrollments(ctx, input.user_id)
      return {
        total: base.select('enrollments.id'),
        rows: base.select([...ENROLLMENT_COLUMNS, 'courses.featured_image_url', 'courses.slug', 'courses.name']),
      }
    },
    filters: { status: (status) => isAnyOf('enrollments.status', status), courseName: containsText(['courses.name']) },
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((r) => ({
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
        ...enrollmentDates(r, dateText),
        isExpired: r.expire_at !== null && new Date(r.expire_at) < now,
      }))
    },
  }),
}
