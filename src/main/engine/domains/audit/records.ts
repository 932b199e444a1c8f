// The records audit rows are about: the filters by record (its type, one record by id, a
// part of its name) and the names shown on a page of rows. Names come from the record as
// it is now, else from audit_subjects, which keeps the name a deleted record last had
// (migrations/0013_audit_subjects).
import { sql as rawSql, type RawBuilder } from 'kysely'
import type { AuditRecordType } from '../../../../shared/operations/audit'
import type { Sql } from '../../db/sql'
import { listCount, matchesText, walksSortOrder } from '../../list'
import { searchIndexed } from '../../trigram-search'

export interface RecordFilter {
  type?: AuditRecordType
  subjectId?: number
  subjectName?: string
  /** The share of the log the other filters keep (0-1), to judge how dense the matches are. */
  share?: number
}

export interface RecordCondition {
  /** For the page: the rows, read the way that finds a page of them soonest. */
  page: RawBuilder<boolean>
  /** The same rows, read the way that counts them soonest. */
  counted: RawBuilder<boolean>
  /** How many log rows it keeps (from the kept counts, not by counting them). */
  rows: number
}

const NONE = rawSql<boolean>`(1 = 0)`

/** Matching records up to this many are held as a set while the log is walked. */
const MAX_HELD_RECORDS = 10_000

/**
 * The condition on audit_activities for a record filter, or undefined without one. Few
 * matching rows are read by the record index (effect_on, subject_id, created_at) and
 * sorted; many are found sooner by walking the sort order and testing each row, so the
 * record index is then kept out (the unary +) and a row's record is looked up by its key.
 */
export function recordCondition(sql: Sql, filter: RecordFilter, total: number): RecordCondition | undefined {
  const { type, subjectId, subjectName, share = 1 } = filter
  if (subjectId !== undefined && type) {
    let one = sql.qb.selectFrom('audit_subjects').select('n').where('effect_on', '=', type).where('subject_id', '=', subjectId)
    // A name search on top of one record: that record, if its name matches.
    if (subjectName) one = one.where(matchesText(['audit_subjects.name'], subjectName))
    const subject = sql.first(one)
    if (!subject) return { page: NONE, counted: NONE, rows: 0 }
    const where = (walk: boolean) => {
      const [on, id] = ['effect_on', 'subject_id'].map((c) => (walk ? rawSql`+${rawSql.ref(c)}` : rawSql.ref(c)))
      return rawSql<boolean>`(${on} = ${type} AND ${id} = ${subjectId})`
    }
    // A busy course's thousands of rows: walked in date order rather than sorted.
    return { page: where(walksSortOrder(subject.n * share, total)), counted: where(false), rows: subject.n }
  }
  if (subjectName) {
    const known = Number(sql.first(sql.qb.selectFrom('audit_subjects').select((eb) => eb.fn.max('id').as('n')))?.n ?? 0)
    const search = searchIndexed(sql, 'auditSubjects', 'audit_subjects.id', ['audit_subjects.name'], subjectName, known)
    let subjects = sql.qb.selectFrom('audit_subjects').where(search.narrowed)
    if (type) subjects = subjects.where('audit_subjects.effect_on', '=', type)
    const found = sql.first(subjects.select((eb) => [eb.fn.countAll<number>().as('records'), eb.fn.sum<number>('audit_subjects.n').as('n')]))
    const rows = Number(found?.n ?? 0)
    if (rows === 0) return { page: NONE, counted: NONE, rows }
    const keys = subjects.select(['audit_subjects.effect_on', 'audit_subjects.subject_id'])
    const narrowed = rawSql<boolean>`((${rawSql.ref('effect_on')}, ${rawSql.ref('subject_id')}) IN (${keys}))`
    if (!walksSortOrder(rows * share, total)) return { page: narrowed, counted: narrowed, rows }
    // Walking the date order: each row's record is looked up in the matching records, held
    // once as a set; when nearly every record matches, that set costs more to build than
    // testing the few rows a page needs one by one.
    const walked =
      Number(found?.records ?? 0) <= MAX_HELD_RECORDS
        ? rawSql<boolean>`((+${rawSql.ref('effect_on')}, +${rawSql.ref('subject_id')}) IN (${keys}))`
        : rawSql<boolean>`(${type ? rawSql`+${rawSql.ref('effect_on')} = ${type} AND ` : rawSql``}EXISTS (SELECT 1 FROM audit_subjects s
          WHERE s.effect_on = audit_activities.effect_on AND s.subject_id = audit_activities.subject_id AND ${matchesText(['s.name'], subjectName)}))`
    return { page: walked, counted: narrowed, rows }
  }
  if (type) {
    const rows = listCount(sql, `audit-on:${type}`)
    const column = walksSortOrder(rows * share, total) ? rawSql`+${rawSql.ref('effect_on')}` : rawSql.ref('effect_on')
    return { page: rawSql<boolean>`(${column} = ${type})`, counted: rawSql<boolean>`(${rawSql.ref('effect_on')} = ${type})`, rows }
  }
  return undefined
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
