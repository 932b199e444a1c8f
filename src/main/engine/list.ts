// The pieces lists are made of (see define-list.ts): counts, kept counts and the
// conditions of their filters.
import { sql as rawSql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { Sql } from './db/sql'
import type { DB } from './db/schema'
import { invalid } from './errors'

/** A query only counted: its tables and columns do not matter to the count. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CountedQuery = SelectQueryBuilder<DB, any, unknown>

export function countRows(sql: Sql, query: CountedQuery): number {
  const row = sql.first(sql.qb.selectFrom(query.as('counted')).select((eb) => eb.fn.countAll<number>().as('n')))
  return Number(row?.n ?? 0)
}

/**
 * A row count kept by triggers (migrations/0010_search_index: list_counts), for lists too
 * long to count on each page: 'audit', 'audit:<action>', 'course:<id>', 'course:<id>:<verb>'.
 */
export function listCount(sql: Sql, scope: string): number {
  return Number(sql.first(sql.qb.selectFrom('list_counts').select('n').where('scope', '=', scope))?.n ?? 0)
}

/**
 * Whether `matching` of `total` rows are many enough that walking the sort order and
 * skipping the others finds a page sooner than reading them all and sorting them.
 */
export function walksSortOrder(matching: number, total: number): boolean {
  return matching > Math.sqrt(50 * total)
}

/** Escapes LIKE wildcards so a search for "50%" finds the text, not everything. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** `(a LIKE %text% OR b LIKE %text%)`, with wildcards in the text taken literally. */
export function matchesText(columns: readonly (string | RawBuilder<unknown>)[], text: string) {
  const pattern = likeContains(text)
  return rawSql<boolean>`(${rawSql.join(
    columns.map((c) => rawSql`${typeof c === 'string' ? rawSql.ref(c) : c} LIKE ${pattern} ESCAPE '\\'`),
    rawSql` OR `,
  )})`
}

/** `first || ' ' || last`, for searching a person's full name. */
export function fullNameExpr(firstColumn: string, lastColumn: string): RawBuilder<string> {
  return rawSql<string>`(${rawSql.ref(firstColumn)} || ' ' || ${rawSql.ref(lastColumn)})`
}

/** A learner's name or email containing `text` (the users table joined as `users`). */
export function nameOrEmailMatches(text: string) {
  return matchesText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], text)
}

/**
 * The documented `dates: [from, to]` filter: from the start of `from` to the end of `to`
 * (either may be missing). A date that does not parse is a 422.
 */
export function withinDates(column: string, dates: readonly string[] | undefined): RawBuilder<boolean> {
  const [from, to] = dates ?? []
  for (const [label, value] of [['from', from], ['to', to]] as const) {
    if (value && Number.isNaN(new Date(value).getTime())) throw invalid('search_param', 'reason.search_date_invalid', { label })
  }
  const parts: RawBuilder<unknown>[] = [rawSql`1 = 1`]
  if (from) parts.push(rawSql`${rawSql.ref(column)} >= ${new Date(from).toISOString()}`)
  if (to) parts.push(rawSql`${rawSql.ref(column)} < ${new Date(new Date(to).getTime() + 86_400_000).toISOString()}`)
  return rawSql<boolean>`(${rawSql.join(parts, rawSql` AND `)})`
}

/** A text filter of a list (defineList): rows with the trimmed text in one of the columns; blank text filters nothing. */
export function containsText(columns: readonly (string | RawBuilder<unknown>)[]) {
  return (text: string) => (text.trim() ? matchesText(columns, text.trim()) : undefined)
}

/** The documented `courseCategoryIds` filter: rows whose course is in one of the categories (texts that are no whole numbers are left out). */
export function inCourseCategories(courseColumn: string, ids: readonly (number | string)[]): RawBuilder<boolean> | undefined {
  const categoryIds = ids.map(Number).filter(Number.isInteger)
  if (!categoryIds.length) return undefined
  return rawSql<boolean>`EXISTS (SELECT course_categories.course_id FROM course_categories WHERE course_categories.course_id = ${rawSql.ref(courseColumn)} AND course_categories.category_id IN (${rawSql.join(categoryIds)}))`
}

/** `column IN (values)`, or undefined for no values: a filter of a list that sent an empty list filters nothing. */
export function isAnyOf(column: string, values: readonly (string | number)[]): RawBuilder<boolean> | undefined {
  return values.length ? rawSql<boolean>`${rawSql.ref(column)} in (${rawSql.join([...values])})` : undefined
}

/** `column = value`, a filter's condition. */
export function isEqual(column: string, value: string | number): RawBuilder<boolean> {
  return rawSql<boolean>`${rawSql.ref(column)} = ${value}`
}
