// Substring searches with exactly LIKE's results (list.ts matchesText), read through an FTS5
// trigram index (migrations/0011_users_trigrams, 0013_audit_subjects) instead of a scan where the index is
// cheaper. The index holds each text folded as LIKE folds it (ASCII only) and followed by
// two SENTINELs, so:
// - a search of 3 characters is one trigram, and the rows holding it are exactly the rows
//   LIKE finds: the index counts them;
// - a search of 1 or 2 characters begins every trigram at the places it occurs (the
//   sentinels pad the end), so its rows are exactly the union of the trigrams it begins,
//   which the fts5vocab table lists;
// - a longer search is narrowed to the rows holding one of its trigrams that few rows
//   hold, and LIKE re-checks those (the index keeps no positions).
import { sql as rawSql, type RawBuilder } from 'kysely'
import type { Sql } from './db/sql'
import { matchesText } from './list'

/** Each trigram index: the table it indexes, and the fts5vocab table listing its terms. */
const INDEXES = {
  users: { of: 'users', table: 'users_trigrams', terms: 'users_trigrams_terms' },
  // The names of the records the audit log is about (migrations/0013_audit_subjects).
  auditSubjects: { of: 'audit_subjects', table: 'audit_subject_trigrams', terms: 'audit_subject_trigrams_terms' },
} as const

export type SearchIndex = keyof typeof INDEXES

/** What ends each indexed text twice; a search holding it cannot use the index. */
const SENTINEL = '\u0001'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Trigram counts are probed up to these bounds in turn, to find rare ones cheaply; a search
 * whose trigrams all pass the last is common enough to scan.
 */
const PROBE_LIMITS = [2048, 16384]

/** Trigrams of a long search that are probed at most (any of them narrows it). */
const MAX_PROBED = 12

/** Terms a short search may be the union of. */
const MAX_TERMS = 100

export interface IndexedSearch {
  /** The rows LIKE finds, read through the index where it narrows them. */
  narrowed: RawBuilder<boolean>
  /** The same rows tested one by one: for walking a sort order when many rows match. */
  scanned: RawBuilder<boolean>
  /** How many rows match; undefined where the search is a scan. */
  matched?: number
}

/**
 * matchesText(columns, text) over the rows keyed by `key`, with the index of those
 * columns. `total` is how many rows there are: a search that most of them match is
 * cheaper scanned.
 */
export function searchIndexed(
  sql: Sql,
  index: SearchIndex,
  key: string,
  columns: readonly (string | RawBuilder<unknown>)[],
  text: string,
  total: number,
): IndexedSearch {
  const scanned = matchesText(columns, text)
  // NUL ends the tokenizer's text, and lone surrogates do not survive UTF-8.
  if (text.includes(SENTINEL) || text.includes('\u0000') || LONE_SURROGATE.test(text)) return { narrowed: scanned, scanned }
  const { of, table, terms } = INDEXES[index]
  const folded = foldAsLikeDoes(text)
  const chars = [...folded]
  if (chars.length > 3) {
    const rare = rareTrigram(sql, table, trigramsOf(chars))
    if (!rare) return { narrowed: scanned, scanned }
    if (rare.count === 0) return nothing(scanned)
    // The rows holding a rare trigram, re-checked: few (under a probe limit), so they are
    // read once here rather than by the count and again by the page.
    const holders = rawSql`${rawSql.table(table)}(${phrase(rare.trigram)})`
    const ids = sql
      .all(
        sql.qb
          .selectFrom(rawSql`${rawSql.table(of)}`.as(of))
          .select(rawSql<number>`${rawSql.ref(key)}`.as('id'))
          .where(rawSql<boolean>`${rawSql.ref(key)} IN (SELECT rowid FROM ${holders})`)
          .where(scanned),
      )
      .map((r) => r.id)
    const narrowed = rawSql<boolean>`(${rawSql.ref(key)} IN (SELECT value FROM json_each(${JSON.stringify(ids)})))`
    return { narrowed, scanned, matched: ids.length }
  }
  let query: string
  if (chars.length === 3) query = phrase(folded)
  else {
    const begun = termsBeginning(sql, terms, folded, total)
    if (!begun) return { narrowed: scanned, scanned }
    if (begun.length === 0) return nothing(scanned)
    query = begun.map(phrase).join(' OR ')
  }
  const found = rawSql`${rawSql.table(table)}(${query})`
  const narrowed = rawSql<boolean>`(${rawSql.ref(key)} IN (SELECT rowid FROM ${found}) AND ${scanned})`
  const matched = sql.first(sql.qb.selectFrom(found.as('found')).select((eb) => eb.fn.countAll<number>().as('n')))
  return { narrowed, scanned, matched: Number(matched?.n ?? 0) }
}

function nothing(scanned: RawBuilder<boolean>): IndexedSearch {
  return { narrowed: rawSql<boolean>`(1 = 0)`, scanned, matched: 0 }
}

/** What SQLite's lower() (without ICU) and LIKE do to case: A-Z only. */
function foldAsLikeDoes(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase())
}

/** One FTS5 phrase: the text taken literally, its double quotes doubled. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

function trigramsOf(chars: readonly string[]): string[] {
  const all = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))]
  if (all.length <= MAX_PROBED) return all
  // Spread over the text: its two ends and what lies between.
  return Array.from({ length: MAX_PROBED }, (_, i) => all[Math.round((i * (all.length - 1)) / (MAX_PROBED - 1))])
}

/**
 * The indexed trigrams that begin with `prefix`, read from the vocabulary (term order puts
 * them in one range: from the prefix to the prefix with its last character's successor).
 * Undefined when they hold more rows than `total` between them, or are too many: a scan of
 * the table is then cheaper than their union.
 */
function termsBeginning(sql: Sql, terms: string, prefix: string, total: number): string[] | undefined {
  const chars = [...prefix]
  const last = chars.pop()?.codePointAt(0) ?? 0
  if (last >= 0x10ffff) return undefined
  // No code point lies between U+D7FF and U+E000 in UTF-8 text.
  const following = chars.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1)
  const found: string[] = []
  let rows = 0
  const query = sql.qb
    .selectFrom(rawSql`${rawSql.table(terms)}`.as('terms'))
    .select([rawSql<string>`term`.as('term'), rawSql<number>`doc`.as('doc')])
    .where(rawSql<boolean>`term >= ${prefix} AND term < ${following}`)
  for (const row of sql.iterate(query)) {
    rows += row.doc
    found.push(row.term)
    if (rows > total || found.length > MAX_TERMS) return undefined
  }
  return found
}

/**
 * A trigram of the search held by few rows (under a probe limit), and how many. Probed one
 * at a time, those with the fewest letters first (digits, punctuation and spaces are rarer
 * in names and addresses than letters), against a limit that grows while every trigram
 * passes it. Undefined when all pass the last limit: the search is then cheaper scanned.
 * A count of 0 means no row holds the trigram, so nothing matches.
 */
function rareTrigram(sql: Sql, table: string, trigrams: readonly string[]): { trigram: string; count: number } | undefined {
  const letters = (t: string) => t.replace(/[^a-z]/g, '').length
  const ordered = [...trigrams].sort((a, b) => letters(a) - letters(b))
  for (const limit of PROBE_LIMITS) {
    for (const trigram of ordered) {
      const count = probe(sql, table, trigram, limit)
      if (count < limit) return { trigram, count }
    }
  }
  return undefined
}

/** How many rows hold a trigram, counted up to `limit`. */
function probe(sql: Sql, table: string, trigram: string, limit: number): number {
  const holders = sql.qb
    .selectFrom(rawSql`${rawSql.table(table)}(${phrase(trigram)})`.as('found'))
    .select(rawSql<number>`1`.as('one'))
    .limit(limit)
  const row = sql.first(sql.qb.selectFrom(holders.as('held')).select((eb) => eb.fn.countAll<number>().as('n')))
  return Number(row?.n ?? 0)
}
