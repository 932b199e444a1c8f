// The records audit rows are about: the filters by record (its type, one record by id, a
// part of its name) and the names shown on a page of rows. Names come from the record as
// it is now, else from audit_subjects, which keeps the name a deleted record last had
// (migrations/0013_audit_subjects).
import { sql as rawSql, type RawBuilder } from 'kysely'
import type { AuditRecordType } from '../../../../shared/operations/audit'
import type { Sql } from '../../db/sql'
import { listCount, matchesText, walksSortOrder } from '../../list'

export interface RecordFilter {
  type?: AuditRecordType
  subjectId?: number
  subjectName?: string
}

export interface RecordCondition {
  where: RawBuilder<boolean>
  /** How many log rows it keeps (from the kept counts, not by counting them). */
  rows: number
}

/**
 * The condition on audit_activities for a record filter, or undefined without one. The
 * record index (effect_on, subject_id, created_at) reads few matching rows fast; many are
 * found sooner by walking the sort order, so the index is then kept out (the unary +).
 */
export function recordCondition(sql: Sql, filter: RecordFilter, total: number): RecordCondition | undefined {
  const { type, subjectId, subjectName } = filter
  const typeRef = (walk: boolean) => (walk ? rawSql`+${rawSql.ref('effect_on')}` : rawSql.ref('effect_on'))
  if (subjectId !== undefined && type) {
    const rows = Number(sql.first(sql.qb.selectFrom('audit_subjects').select('n').where('effect_on', '=', type).where('subject_id', '=', subjectId))?.n ?? 0)
    const where = rawSql<boolean>`(${rawSql.ref('effect_on')} = ${type} AND ${rawSql.ref('subject_id')} = ${subjectId})`
    // A name search on top of one record: that record, if its name matches.
    if (subjectName && !nameMatches(sql, type, subjectId, subjectName)) return { where: rawSql<boolean>`(1 = 0)`, rows: 0 }
    return { where, rows }
  }
  if (subjectName) {
    let subjects = sql.qb.selectFrom('audit_subjects').where(matchesText(['audit_subjects.name'], subjectName))
    if (type) subjects = subjects.where('audit_subjects.effect_on', '=', type)
    const rows = Number(sql.first(subjects.select((eb) => eb.fn.sum<number>('audit_subjects.n').as('n')))?.n ?? 0)
    const walk = walksSortOrder(rows, total)
    const matched = subjects.select(['audit_subjects.effect_on', 'audit_subjects.subject_id'])
    return { where: rawSql<boolean>`((${typeRef(walk)}, ${rawSql.ref('subject_id')}) IN (${matched}))`, rows }
  }
  if (type) {
    const rows = listCount(sql, `audit-on:${type}`)
    return { where: rawSql<boolean>`(${typeRef(walksSortOrder(rows, total))} = ${type})`, rows }
  }
  return undefined
}

function nameMatches(sql: Sql, type: AuditRecordType, subjectId: number, text: string): boolean {
  return Boolean(
    sql.first(
      sql.qb.selectFrom('audit_subjects').select('subject_id').where('effect_on', '=', type).where('subject_id', '=', subjectId).where(matchesText(['audit_subjects.name'], text)),
    ),
  )
}

export interface NamedSubject {
  subject_name: string | null
  subject_exists: boolean
}

/** Names the records a page of rows is about: three lookups by id, whatever the page size. */
export function nameSubjects(sql: Sql, rows: readonly { effect_on: string; subject_id: number | null }[]): (row: { effect_on: string; subject_id: number | null }) => NamedSubject {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.effect_on === type && r.subject_id !== null).map((r) => r.subject_id as number))]
  const userIds = ids('User')
  const courseIds = ids('Course')
  const current = new Map<string, string>()
  if (userIds.length) {
    for (const u of sql.all(sql.qb.selectFrom('users').select(['id', 'first_name', 'last_name']).where('id', 'in', userIds))) {
      current.set(`User:${u.id}`, [u.first_name, u.last_name].filter(Boolean).join(' '))
    }
  }
  if (courseIds.length) {
    for (const c of sql.all(sql.qb.selectFrom('courses').select(['id', 'name']).where('id', 'in', courseIds))) current.set(`Course:${c.id}`, c.name)
  }
  const gone = rows.filter((r) => r.subject_id !== null && !current.has(`${r.effect_on}:${r.subject_id}`))
  const kept = new Map<string, string | null>()
  if (gone.length) {
    const goneIds = [...new Set(gone.map((r) => r.subject_id as number))]
    for (const s of sql.all(sql.qb.selectFrom('audit_subjects').select(['effect_on', 'subject_id', 'name']).where('subject_id', 'in', goneIds))) {
      kept.set(`${s.effect_on}:${s.subject_id}`, s.name)
    }
  }
  return (row) => {
    if (row.subject_id === null) return { subject_name: null, subject_exists: false }
    const key = `${row.effect_on}:${row.subject_id}`
    const now = current.get(key)
    return now !== undefined ? { subject_name: now, subject_exists: true } : { subject_name: kept.get(key) ?? null, subject_exists: false }
  }
}
