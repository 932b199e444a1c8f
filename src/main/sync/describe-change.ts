// Which record a queued change is about, as people know it: a user by name and email, a
// course by its title, an enrollment by learner and course, a grade by learner and module,
// an import by its file. Read from the rows here; a row removed here since is named from
// the queued inputs of that row (a create carries the name), else by its kind and id.
import type { Sql } from '../engine/db/sql'
import { createInputOf, recentInputs } from '../engine/outbox'
import type { PendingRecord } from '../../shared/operations/sync'

type Input = Record<string, unknown>
type Describe = (sql: Sql, localId: number | null, input: Input) => PendingRecord

const named = (text: string, extra: Partial<PendingRecord> = {}): PendingRecord => ({ text, count: null, at: null, ...extra })
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null)
const firstOf = (value: unknown): number | null => (Array.isArray(value) ? num(value[0]) : num(value))
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null)

/** The newest queued input of a row that carries one of `keys` (its create, or an update). */
function queuedInput(sql: Sql, entity: string, localId: number, keys: readonly string[]): Input | null {
  for (const input of recentInputs(sql, entity, localId, 20) as Input[]) {
    if (keys.some((k) => str(input[k]))) return input
  }
  return null
}

function userText(sql: Sql, userId: number | null): string | null {
  if (userId === null) return null
  const u = sql.first(sql.qb.selectFrom('users').select(['first_name', 'last_name', 'email']).where('id', '=', userId))
  if (u) return `${[u.first_name, u.last_name].filter(Boolean).join(' ') || u.email} (${u.email})`
  const q = queuedInput(sql, 'user', userId, ['email'])
  if (!q) return null
  const name = [str(q.firstName) ?? str(q.first_name), str(q.lastName) ?? str(q.last_name)].filter(Boolean).join(' ')
  return `${name || String(q.email)} (${String(q.email)}), removed here`
}

function courseText(sql: Sql, courseId: number | null): string | null {
  if (courseId === null) return null
  const c = sql.first(sql.qb.selectFrom('courses').select('name').where('id', '=', courseId))
  if (c) return c.name
  const q = queuedInput(sql, 'course', courseId, ['name'])
  return q ? `${String(q.name)}, removed here` : null
}

const user: Describe = (sql, localId, input) => {
  const id = localId ?? firstOf(input.id ?? input.user_id ?? input.delete_ids)
  return named(userText(sql, id) ?? `User ${id ?? '?'} (no longer here)`)
}

const course: Describe = (sql, localId, input) => {
  const id = localId ?? firstOf(input.id ?? input.course_id ?? input.delete_ids)
  return named(courseText(sql, id) ?? str(input.name) ?? `Course ${id ?? '?'} (no longer here)`)
}

/** "Learner (email) in Course". A removed enrollment is named from the enroll queued for it. */
const enrollment: Describe = (sql, localId, input) => {
  const row = localId === null ? undefined : sql.first(sql.qb.selectFrom('enrollments').select(['user_id', 'course_id']).where('id', '=', localId))
  const courseId = row?.course_id ?? num(input.id)
  let userId = row?.user_id ?? num(input.userId) ?? firstOf(input.studentIds)
  if (userId === null && localId !== null) userId = enrolledUser(sql, localId)
  const who = userText(sql, userId) ?? 'A learner'
  return named(`${who} in ${courseText(sql, courseId) ?? `course ${courseId ?? '?'}`}`)
}

/** The learner an enrollment's own enroll record named, when the enrollment is gone here. */
function enrolledUser(sql: Sql, localId: number): number | null {
  const input = createInputOf(sql, 'enrollment', localId, ['courses.enroll']) as Input | undefined
  return input ? firstOf(input.studentIds) : null
}

function classText(sql: Sql, classId: number | null): { text: string; at: string | null } {
  const c = classId === null ? undefined : sql.first(sql.qb.selectFrom('classes').select(['course_id', 'start_at']).where('id', '=', classId))
  if (!c) return { text: `Class ${classId ?? '?'} (no longer here)`, at: null }
  return { text: `${courseText(sql, c.course_id) ?? `Course ${c.course_id}`} class`, at: c.start_at }
}

const cls: Describe = (sql, localId, input) => {
  const { text, at } = classText(sql, localId ?? num(input.classId ?? input.id))
  return named(text, { at })
}

const classEnrollment: Describe = (sql, localId, input) => {
  const row = localId === null ? undefined : sql.first(sql.qb.selectFrom('class_enrollments').select(['user_id', 'class_id']).where('id', '=', localId))
  const classId = row?.class_id ?? num(input.classId) ?? num(input.id)
  const { text, at } = classText(sql, classId)
  const who = userText(sql, row?.user_id ?? firstOf(input.studentIds)) ?? 'A learner'
  return named(`${who} in ${text}`, { at })
}

/** A grade or a submission: the learner, the module and the course of its module status row. */
const statusRow: Describe = (sql, _localId, input) => {
  const statusRowId = num(input.statusRowId)
  const row =
    statusRowId === null
      ? undefined
      : sql.first(
          sql.qb
            .selectFrom('module_status')
            .innerJoin('enrollments', 'enrollments.id', 'module_status.enrollment_id')
            .innerJoin('modules', 'modules.id', 'module_status.module_id')
            .select(['enrollments.user_id', 'enrollments.course_id', 'modules.name'])
            .where('module_status.id', '=', statusRowId),
        )
  if (!row) return named(`Submission ${statusRowId ?? '?'} (no longer here)`)
  return named(`${userText(sql, row.user_id) ?? 'A learner'}: ${row.name} in ${courseText(sql, row.course_id) ?? 'a course'}`)
}

/** A row named by one column, or by the queued input's field of that name when it is gone here. */
function byColumn(table: 'modules' | 'categories' | 'coupons' | 'badges' | 'announcements' | 'certificate_templates', column: string, entity: string, label: string): Describe {
  return (sql, localId, input) => {
    const id = localId ?? firstOf(input.id ?? input.delete_ids)
    const row = id === null ? undefined : (sql.first(sql.qb.selectFrom(table).selectAll().where('id', '=', id)) as Record<string, unknown> | undefined)
    const value = str(row?.[column]) ?? str(input[column]) ?? (id === null ? null : str(queuedInput(sql, entity, id, [column])?.[column]))
    return named(value ? `${label} ${value}${row ? '' : ', removed here'}` : `${label} ${id ?? '?'} (no longer here)`)
  }
}

const userCertificate: Describe = (sql, localId, input) => {
  const id = localId ?? num(input.id ?? input.rowId)
  const row = id === null ? undefined : sql.first(sql.qb.selectFrom('user_certificates').select(['user_id', 'course_id']).where('id', '=', id))
  if (row) return named(`Certificate of ${userText(sql, row.user_id) ?? 'a learner'} for ${courseText(sql, row.course_id) ?? 'a course'}`)
  const courseId = num(input.id)
  return named(courseId !== null && Array.isArray(input.enrollmentIds) ? `Certificates for ${courseText(sql, courseId) ?? `course ${courseId}`}` : `Certificate ${id ?? '?'} (no longer here)`)
}

const address: Describe = (sql, localId, input) => {
  const row = localId === null ? undefined : sql.first(sql.qb.selectFrom('user_addresses').select(['user_id', 'city']).where('id', '=', localId))
  const who = userText(sql, row?.user_id ?? num(input.id))
  return named(`Address${row?.city ? ` in ${row.city}` : ''} of ${who ?? 'a user'}`)
}

/** A bulk upload: the import's file, and how many users the queued request carries. */
const importChunk: Describe = (sql, localId, input) => {
  const batch =
    localId === null
      ? undefined
      : sql.first(
          sql.qb.selectFrom('import_chunks').innerJoin('import_batches', 'import_batches.id', 'import_chunks.batch_id').select(['import_batches.file_name']).where('import_chunks.id', '=', localId),
        )
  const users = Array.isArray(input.userList) ? input.userList.length : null
  return named(batch?.file_name ? `Import from ${batch.file_name}` : 'Import of users', { count: users })
}

const DESCRIBE: Record<string, Describe> = {
  user,
  course,
  enrollment,
  class: cls,
  class_enrollment: classEnrollment,
  evaluation: statusRow,
  submission: statusRow,
  module: byColumn('modules', 'name', 'module', 'Module'),
  category: byColumn('categories', 'name', 'category', 'Category'),
  coupon: byColumn('coupons', 'code', 'coupon', 'Coupon'),
  badge: byColumn('badges', 'title', 'badge', 'Badge'),
  announcement: byColumn('announcements', 'heading', 'announcement', 'Announcement'),
  certificate_template: byColumn('certificate_templates', 'name', 'certificate_template', 'Template'),
  user_certificate: userCertificate,
  address,
  custom_user_field: () => named('Custom user fields'),
  import_chunk: importChunk,
}

export function describeChange(sql: Sql, entity: string, localId: number | null, input: Input): PendingRecord {
  const describe = DESCRIBE[entity]
  return describe ? describe(sql, localId, input) : named(`${entity.replace(/_/g, ' ')} ${localId ?? ''}`.trim())
}
