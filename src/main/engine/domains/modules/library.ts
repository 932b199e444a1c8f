// The module library shared by the assignment and discussion operations.
import type { Sql } from '../../db/sql'
import type { EngineContext } from '../../context'
import type { DB, ModuleRow } from '../../db/schema'
import { expressionBuilder } from 'kysely'
import { notFound } from '../../errors'
import { dateTimeText } from '../../format'
import { matchesText } from '../../list'
import { sortKeyOf } from '../../db/sort-key'

export const MODULE_ICONS: Record<string, string> = {
  text: '<i class="el-icon-tickets"></i>',
  video: '<i class="el-icon-video-play"></i>',
  assignment: '<i class="el-icon-edit-outline"></i>',
  quiz: '<i class="el-icon-discover"></i>',
  discussion: '<i class="el-icon-chat-line-round"></i>',
  class: '<i class="el-icon-date"></i>',
}

export const slugify = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'module'

/** A slug not yet used by a module of this type: the name's, or it with -2, -3, ... */
export function freeModuleSlug(sql: Sql, type: string, name: string, exceptId?: number): string {
  const base = slugify(name)
  const taken = new Set(
    sql
      .all(
        sql.qb
          .selectFrom('modules')
          .select(['id', 'slug'])
          .where('type', '=', type)
          .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)])),
      )
      .filter((r) => r.id !== exceptId)
      .map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export function requireModule(ctx: EngineContext, id: number, type: string): ModuleRow {
  const row = ctx.sql.first(ctx.qb.selectFrom('modules').selectAll().where('id', '=', id).where('type', '=', type))
  if (!row) throw notFound('reason.module_not_found', { type, id: String(id) })
  return row
}


/** The library lists' order and filters (assignments.list, discussions.list declare them alike). */
export const libraryList = {
  sort: { created_at: 'modules.created_at', name: sortKeyOf('modules.name'), id: 'modules.id', totalPoints: 'modules.total_points' },
  defaultOrder: { colName: 'created_at', direction: 'desc' },
  tieBreaker: 'modules.id',
  filters: {
    moduleName: (name: string) => (name.trim() ? matchesText(['modules.name'], name.trim()) : undefined),
    associatedCourse: (courseId: number | '') => {
      if (typeof courseId !== 'number') return undefined
      const eb = expressionBuilder<DB, 'modules'>()
      return eb.exists(
        eb.selectFrom('course_modules').select('course_modules.id').whereRef('course_modules.module_id', '=', 'modules.id').where('course_modules.course_id', '=', courseId),
      )
    },
  },
} as const

/** The library's modules of one type, with their authors' names. */
export function libraryRows(ctx: EngineContext, type: string) {
  const base = ctx.qb.selectFrom('modules').where('modules.type', '=', type)
  return {
    total: base.select('modules.id'),
    rows: base
      .leftJoin('users as author', 'author.id', 'modules.author_id')
      .select([
        'modules.id',
        'modules.name',
        'modules.slug',
        'modules.type',
        'modules.submission_type',
        'modules.total_points',
        'modules.icon',
        'modules.created_at',
        'author.first_name as author_first',
        'author.last_name as author_last',
      ]),
  }
}

/** The fields every library record shows. */
export function libraryRecord(m: { id: number; name: string; slug: string; type: string; total_points: number | null; icon: string; created_at: string; author_first: string | null; author_last: string | null }) {
  return {
    id: m.id,
    name: m.name,
    slug: m.slug,
    type: m.type,
    totalPoints: m.total_points ?? 0,
    icon: m.icon,
    author: m.author_first === null ? '' : `${m.author_first} ${m.author_last ?? ''}`.trim(),
    created_at: dateTimeText(m.created_at),
  }
}

type ModuleFields = Pick<ModuleRow, 'name' | 'content' | 'total_points' | 'submission_type' | 'allowed_filetypes' | 'should_be_evaluated' | 'min_comments'>

/** Adds a module to the library with a free slug, its type's icon, the acting user as author. */
export function insertLibraryModule(ctx: EngineContext, type: string, fields: ModuleFields): number {
  const at = ctx.nowIso()
  return ctx.sql.run(
    ctx.qb.insertInto('modules').values({
      ...fields,
      slug: freeModuleSlug(ctx.sql, type, fields.name),
      type,
      icon: MODULE_ICONS[type] ?? MODULE_ICONS.text,
      author_id: ctx.actor()?.id ?? null,
      created_at: at,
      updated_at: at,
    }),
  ).lastInsertRowid
}

/** Writes the fields that differ (a renamed module gets a new free slug); returns whether anything changed. */
export function updateLibraryModule(ctx: EngineContext, current: ModuleRow, next: Partial<ModuleFields>): boolean {
  const keys = Object.keys(next) as (keyof ModuleFields)[]
  if (!keys.some((k) => next[k] !== current[k])) return false
  const name = next.name ?? current.name
  const slug = name === current.name ? current.slug : freeModuleSlug(ctx.sql, current.type, name, current.id)
  ctx.sql.run(ctx.qb.updateTable('modules').set({ ...next, slug, updated_at: ctx.nowIso() }).where('id', '=', current.id))
  return true
}
