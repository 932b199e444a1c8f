// For each entity pulled as rows of a documented list: the fields sync compares three ways
// (base, server, local), where each lives in a list record, in the local row and in a
// queued update's input; how an unknown server row becomes a local one; what goes with
// a row the server deleted.
import type { EntityName } from '../../shared/contract/operation'
import { localOnlyField } from '../../shared/contract/local-only'
import type { Sql } from '../engine/db/sql'
import { freeModuleSlug } from '../engine/domains/modules/index'
import type { AnswerName } from './decode/answers'
import type { HostedClient } from './hosted-client'
import { discardUnsent } from './pull-store'

export interface PulledField {
  /** Key in the hosted list record. */
  api: string
  /** Column of the local row. */
  column: string
  /** Key in the queued update operation's input, when the update carries it. */
  updateKey?: string
  label: string
  /** The local column holds the value as JSON text (a list in the API). */
  json?: boolean
  /** The local column takes no null: a server value the decoder could not read (null) leaves it as it is. */
  required?: boolean
  /**
   * Declared kept here when edited (src/shared/contract/local-only.ts): the update never
   * sends it, so a local value that differs from the base is an edit kept here even with
   * nothing unsent; the server's value is taken only when this laptop did not change it.
   */
  notSent?: boolean
  /** Set by the hosted LMS alone (no operation here changes it): its value is always taken. */
  serverOwned?: boolean
  /** A true/false the local column holds as 1/0. */
  flag?: boolean
  /**
   * For a detail field that neither the list nor the create carries: the value every row
   * takes here and on the hosted LMS until a run reads its detail route (a new user is
   * enabled). It stands for the base until then, so an edit made here first is an edit.
   */
  startsAs?: unknown
}

export type ListRecord = Record<string, unknown> & { id: number }

/** A local table whose rows sync merges three ways, field by field (conflicts.ts resolves on it). */
export interface MergedRows {
  entity: EntityName
  /** Key of this sweep's rows in sync_base; distinct when two lists fill one table. */
  baseKey: string
  table: 'users' | 'courses' | 'modules' | 'categories' | 'certificate_templates' | 'classes'
  updateOperation: string
  /** Fields its documented list answers (none when only a detail route gives the row). */
  fields: PulledField[]
  /**
   * Fields only the row's detail route answers (not its list), merged three ways by the
   * phase that reads that route (mergeDetails in pull-rows.ts), their base kept under `baseKey:details`.
   */
  detailFields?: PulledField[]
  /** After the server's values were taken into a local row. */
  afterUpdate?(sql: Sql, localId: number): void
  /** How the user is told which row it was. */
  describe(sql: Sql, localId: number): string
}

export interface PulledEntity extends MergedRows {
  table: Exclude<MergedRows['table'], 'classes'>
  /** The documented list (decode/answers.ts) the rows are swept from. */
  list: AnswerName
  /** The detail operation that answers 404 once a row is gone on the server. */
  detailOperation: string
  /** Natural key for adopting an unmapped local row: list key and column, plus fixed column values. */
  naturalKey: { api: string; column: string; where?: Record<string, string> }
  /** The create operation of such rows here and the input key holding the natural key (see createsOfRemovedRows). */
  createdBy?: { operation: string; inputKey: string }
  /** Reads what a new local row needs beyond the list record (a detail route), before the page's transaction; undefined when it could not be read. */
  enrich?(client: HostedClient, rec: ListRecord): Promise<ListRecord | undefined>
  /** Enrich every listed row, not only new ones: the list alone cannot show that a row changed. */
  enrichAll?: boolean
  insert(sql: Sql, rec: ListRecord, now: string): number
  /** Rows that cannot outlive this one, removed before it. */
  removeDependents(sql: Sql, localId: number, now: string): void
}

/**
 * Enrollments that go with a user or course the server deleted, with their learners' module
 * status rows (which cascade to submissions and evaluations); unsent changes to any of them
 * could never be sent and are discarded, so the queue does not wait for ever.
 */
function removeEnrollments(sql: Sql, column: 'user_id' | 'course_id', localId: number, now: string): void {
  const enrollments = sql.all(sql.qb.selectFrom('enrollments').select('id').where(column, '=', localId)).map((e) => e.id)
  if (!enrollments.length) return
  const rows = sql.all(sql.qb.selectFrom('module_status').select('id').where('enrollment_id', 'in', enrollments)).map((r) => r.id)
  for (const id of enrollments) discardUnsent(sql, 'enrollment', id, now)
  for (const id of rows) discardUnsent(sql, 'module_status', id, now)
  if (rows.length) {
    for (const [entity, table] of [['evaluation', 'evaluations'], ['submission', 'submissions']] as const) {
      const ids = sql.all(sql.qb.selectFrom(table).select('id').where('status_row_id', 'in', rows)).map((r) => r.id)
      for (const id of ids) discardUnsent(sql, entity, id, now)
    }
  }
  sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', 'enrollment').where('local_id', 'in', enrollments))
  sql.run(sql.qb.deleteFrom('enrollments').where('id', 'in', enrollments))
}

/** The server's slug, unless a local module of the type holds it already (module slugs are unique per type here). */
export function localModuleSlug(sql: Sql, type: string, wanted: string, name: string): string {
  const clash = wanted ? sql.first(sql.qb.selectFrom('modules').select('id').where('type', '=', type).where('slug', '=', wanted)) : undefined
  return wanted && !clash ? wanted : freeModuleSlug(sql, type, name)
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : v === null || v === undefined ? fallback : String(v))
const intOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null)

const users: PulledEntity = {
  entity: 'user',
  baseKey: 'user',
  table: 'users',
  list: 'users',
  detailOperation: 'users.get',
  updateOperation: 'users.update',
  naturalKey: { api: 'email', column: 'email_key' },
  createdBy: { operation: 'users.create', inputKey: 'email' },
  fields: [
    { api: 'first_name', column: 'first_name', updateKey: 'firstName', label: 'First name' },
    { api: 'last_name', column: 'last_name', updateKey: 'lastName', label: 'Last name' },
    { api: 'email', column: 'email', updateKey: 'email', label: 'Email' },
    { api: 'user_type', column: 'user_type', label: 'User type' },
    { api: 'created_at', column: 'created_at', label: 'Created', serverOwned: true, required: true },
  ],
  // From GET user/{id}, read for USER_TURN users a run (pull-user-disabled.ts).
  detailFields: [{ api: 'disabled', column: 'disabled', updateKey: 'disabled', label: 'Disabled', required: true, flag: true, startsAs: 0 }],
  insert(sql, rec, now) {
    const email = str(rec.email)
    return sql.run(
      sql.qb.insertInto('users').values({
        first_name: str(rec.first_name),
        last_name: str(rec.last_name),
        email,
        email_key: email.toLowerCase(),
        password_hash: null,
        user_type: str(rec.user_type, 'general'),
        disabled: 0,
        custom_user_metas: '[]',
        last_login_at: null,
        created_at: typeof rec.created_at === 'string' ? rec.created_at : now,
        updated_at: now,
      }),
    ).lastInsertRowid
  },
  describe(sql, localId) {
    const u = sql.first(sql.qb.selectFrom('users').select(['first_name', 'last_name', 'email']).where('id', '=', localId))
    return u ? `User ${`${u.first_name} ${u.last_name}`.trim()} (${u.email})` : `User ${localId}`
  },
  removeDependents(sql, localId, now) {
    removeEnrollments(sql, 'user_id', localId, now)
  },
}

/** A course field PUT course/{id} never sends (declared in local-only.ts): an edit of it stays here. */
const notSentByUpdate = (field: string) => localOnlyField('course', field, 'courses.update') !== undefined

const courses: PulledEntity = {
  entity: 'course',
  baseKey: 'course',
  table: 'courses',
  list: 'courses',
  detailOperation: 'courses.get',
  updateOperation: 'courses.update',
  naturalKey: { api: 'slug', column: 'slug' },
  createdBy: { operation: 'courses.create', inputKey: 'slug' },
  fields: [
    { api: 'name', column: 'name', updateKey: 'name', label: 'Course name' },
    { api: 'slug', column: 'slug', updateKey: 'slug', label: 'Slug' },
    { api: 'status', column: 'status', updateKey: 'status', label: 'Status' },
  ],
  // From GET course/{id}, which the course modules phase reads for every mapped course.
  detailFields: [
    { api: 'gradingRule', column: 'grading_rule', updateKey: 'gradingRule', label: 'Grading rule', required: true },
    { api: 'minPassingPercentage', column: 'min_passing_percentage', updateKey: 'minPassingPercentage', label: 'Pass mark' },
    { api: 'credits', column: 'credits', updateKey: 'credits', label: 'Credits' },
    { api: 'durationRule', column: 'duration_rule', updateKey: 'durationRule', label: 'Access duration rule', required: true },
    { api: 'durationSpecificDate', column: 'duration_specific_date', updateKey: 'durationSpecificDate', label: 'Access end date', notSent: notSentByUpdate('durationSpecificDate') },
    { api: 'durationDays', column: 'duration_days', updateKey: 'durationDays', label: 'Access days', notSent: notSentByUpdate('durationDays') },
    { api: 'instructions', column: 'instructions', updateKey: 'instructions', label: 'Instructions', notSent: notSentByUpdate('instructions') },
  ],
  insert(sql, rec, now) {
    return sql.run(
      sql.qb.insertInto('courses').values({
        name: str(rec.name),
        slug: str(rec.slug),
        status: str(rec.status, 'draft'),
        course_type: 'self_paced',
        instructions: null,
        featured_image_url: null,
        completion_redirection_url: null,
        credits: null,
        min_passing_percentage: null,
        grading_rule: 'no_grading',
        duration_rule: 'unlimited',
        duration_specific_date: null,
        duration_days: null,
        certificate_templates: '[]',
        certificate_expires_after: null,
        certificate_expires_after_grace_period: null,
        author_id: null,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
  },
  describe(sql, localId) {
    const c = sql.first(sql.qb.selectFrom('courses').select('name').where('id', '=', localId))
    return c ? `Course "${c.name}"` : `Course ${localId}`
  },
  removeDependents(sql, localId, now) {
    removeEnrollments(sql, 'course_id', localId, now)
  },
}

/** Assignment and discussion modules of the library: one table, two documented lists. */
function libraryModules(type: 'assignment' | 'discussion'): PulledEntity {
  const ops = type === 'assignment' ? 'assignments' : 'discussions'
  return {
    entity: 'module',
    baseKey: `module:${type}`,
    table: 'modules',
    list: ops,
    detailOperation: `${ops}.get`,
    updateOperation: `${ops}.update`,
    naturalKey: { api: 'name', column: 'name', where: { type } },
    fields: [
      { api: 'name', column: 'name', updateKey: 'name', label: 'Module name' },
      { api: 'totalPoints', column: 'total_points', updateKey: 'totalPoints', label: 'Total points' },
    ],
    // The list has no content: a new module's text comes from its detail route, once.
    async enrich(client, rec) {
      const detail = await client.answer(type, { id: rec.id })
      return detail.kind === 'ok' ? { ...detail.value, ...rec } : undefined
    },
    insert(sql, rec, now) {
      const filetypes = rec.allowed_filetypes
      return sql.run(
        sql.qb.insertInto('modules').values({
          name: str(rec.name),
          slug: localModuleSlug(sql, type, str(rec.slug), str(rec.name)),
          type,
          icon: str(rec.icon, type === 'assignment' ? 'fa-file-alt' : 'fa-comments'),
          content: str(rec.content),
          total_points: intOrNull(rec.totalPoints),
          submission_type: type === 'assignment' ? str(rec.submission_type || rec.submissionType, 'text') : null,
          allowed_filetypes: JSON.stringify((Array.isArray(filetypes) ? filetypes : []).filter((t) => typeof t === 'string' && t !== '')),
          should_be_evaluated: type === 'assignment' || rec.should_be_evaluated === true ? 1 : 0,
          min_comments: intOrNull(rec.minComments),
          author_id: null,
          created_at: now,
          updated_at: now,
        }),
      ).lastInsertRowid
    },
    describe(sql, localId) {
      const m = sql.first(sql.qb.selectFrom('modules').select('name').where('id', '=', localId))
      return m ? `The ${type} "${m.name}"` : `Module ${localId}`
    },
    removeDependents(sql, localId) {
      // Status rows cascade to their submissions and evaluations.
      sql.run(sql.qb.deleteFrom('module_status').where('module_id', '=', localId))
      sql.run(sql.qb.deleteFrom('course_modules').where('module_id', '=', localId))
    },
  }
}

/** Categories of the four types that have a documented list (user categories have only a lookup). */
function categories(type: 'course' | 'module' | 'product' | 'question'): PulledEntity {
  return {
    entity: 'category',
    baseKey: `category:${type}`,
    table: 'categories',
    list: `${type}Categories` as const,
    detailOperation: 'categories.get',
    updateOperation: 'categories.update',
    naturalKey: { api: 'name', column: 'name', where: { type } },
    fields: [{ api: 'name', column: 'name', updateKey: 'category_name', label: 'Category name' }],
    insert: (sql, rec, now) =>
      sql.run(sql.qb.insertInto('categories').values({ name: str(rec.name), type, created_at: now, author_id: null, updated_by_id: null, updated_at: null })).lastInsertRowid,
    describe(sql, localId) {
      const c = sql.first(sql.qb.selectFrom('categories').select('name').where('id', '=', localId))
      return c ? `The ${type} category "${c.name}"` : `Category ${localId}`
    },
    removeDependents: () => undefined,
  }
}

/**
 * Certificate templates: the list has only names, so each is read in full every pull (a
 * site has a handful). Certificates issued already keep their own frozen copy.
 */
const certificateTemplates: PulledEntity = {
  entity: 'certificate_template',
  baseKey: 'certificate_template',
  table: 'certificate_templates',
  list: 'templates',
  detailOperation: 'certificateTemplates.get',
  updateOperation: 'certificateTemplates.update',
  naturalKey: { api: 'name', column: 'name' },
  fields: [
    { api: 'name', column: 'name', updateKey: 'name', label: 'Template name' },
    { api: 'bg_url', column: 'bg_url', updateKey: 'bg_url', label: 'Background' },
    { api: 'width', column: 'width', updateKey: 'width', label: 'Width' },
    { api: 'height', column: 'height', updateKey: 'height', label: 'Height' },
    { api: 'fields', column: 'fields', updateKey: 'fields', label: 'Fields', json: true },
  ],
  enrichAll: true,
  async enrich(client, rec) {
    const detail = await client.answer('template', { id: rec.id })
    return detail.kind === 'ok' ? { ...rec, ...detail.value, id: rec.id } : undefined
  },
  insert: (sql, rec, now) =>
    sql.run(
      sql.qb.insertInto('certificate_templates').values({
        name: str(rec.name),
        bg_url: typeof rec.bg_url === 'string' ? rec.bg_url : null,
        width: intOrNull(rec.width) ?? 800,
        height: intOrNull(rec.height) ?? 600,
        fields: JSON.stringify(Array.isArray(rec.fields) ? rec.fields : []),
        version: 1,
        author_id: null,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid,
  afterUpdate(sql, localId) {
    sql.run(sql.qb.updateTable('certificate_templates').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', localId))
  },
  describe(sql, localId) {
    const t = sql.first(sql.qb.selectFrom('certificate_templates').select('name').where('id', '=', localId))
    return t ? `Certificate template "${t.name}"` : `Certificate template ${localId}`
  },
  removeDependents: () => undefined,
}

export const PULLED_ROWS: PulledEntity[] = [
  users,
  courses,
  libraryModules('assignment'),
  libraryModules('discussion'),
  categories('course'),
  categories('module'),
  categories('product'),
  categories('question'),
  certificateTemplates,
]

export function describeClass(sql: Sql, localId: number): string {
  const c = sql.first(sql.qb.selectFrom('classes').innerJoin('courses', 'courses.id', 'classes.course_id').select(['courses.name', 'classes.start_at']).where('classes.id', '=', localId))
  return c ? `The class of "${c.name}" starting ${c.start_at.slice(0, 16).replace('T', ' ')} UTC` : `Class ${localId}`
}

/**
 * A class's webinar, from GET class/edit (read by the classes phase for
 * each class new or changed in its course's schedule); the schedule itself is taken whole
 * when the class has nothing unsent (pull-classes.ts).
 */
export const CLASS_DETAILS: MergedRows = {
  entity: 'class',
  baseKey: 'class',
  table: 'classes',
  updateOperation: 'classes.update',
  fields: [],
  detailFields: [
    { api: 'webinarProvider', column: 'webinar_provider', updateKey: 'webinarProvider', label: 'Webinar provider' },
    { api: 'zoom_meeting_id', column: 'zoom_meeting_id', updateKey: 'zoom_meeting_id', label: 'Zoom meeting id' },
    { api: 'zoom_host_pwd', column: 'zoom_host_pwd', updateKey: 'zoom_host_pwd', label: 'Zoom host password' },
  ],
  // Not its study material: the reference's example shows an empty list, so no documented
  // answer carries an item (the strict stand-in empties them); comparing would wipe ours.
  describe: describeClass,
}

/** Every field sync compares for a row of this spec: its list's and its detail route's. */
export const comparedFields = (spec: MergedRows): PulledField[] => [...spec.fields, ...(spec.detailFields ?? [])]

/** The spec a local row was pulled by (modules: by their type). */
export function pulledSpecFor(sql: Sql, entity: string, localId: number): MergedRows | undefined {
  if (entity === CLASS_DETAILS.entity) return CLASS_DETAILS
  const candidates = PULLED_ROWS.filter((p) => p.entity === entity)
  if (candidates.length <= 1) return candidates[0]
  return candidates.find((p) => {
    const where = Object.entries(p.naturalKey.where ?? {})
    if (!where.length) return true
    const row = sql.first(sql.qb.selectFrom(p.table).selectAll().where('id', '=', localId)) as Record<string, unknown> | undefined
    return row !== undefined && where.every(([column, value]) => row[column] === value)
  })
}
