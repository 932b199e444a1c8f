// Name order for SQLite. better-sqlite3 cannot register a collation, and Intl.Collator gives
// no sort keys, so names are sorted by a key whose plain byte order (SQLite's BINARY) is the
// order people expect: the primary strength of the Unicode collation (root/English), which is
// also what the renderer's compareNames (Intl.Collator, sensitivity "base", numeric) answers.
// - accents and case do not count (Åsen = asen, Zoë = zoe); letters that do not decompose
//   are folded by hand (Łukasz = lukasz, Ørsted = orsted, Straße = strasse);
// - spaces, then punctuation, sort before digits, digits before letters, Latin before other
//   scripts (Greek, Cyrillic, ... CJK follow in code point order: 王 after Williams);
// - numbers by value ("Group 9" before "Group 10").
// The key is stored in columns kept by triggers (migrations/0014_name_sort_keys), which call
// this function as lms_sort_key() on the engine's connection, or computed while sorting short
// lists (sortKeyOf). Changing what it answers needs a new migration that recomputes the stored keys.

import { sql, type RawBuilder } from 'kysely'

/** The SQL name of the function the engine's connection registers. */
export const SORT_KEY_FUNCTION = 'lms_sort_key'

/**
 * A column's sort key computed as rows are sorted, for short lists (templates, categories,
 * locations): the long ones (users, courses) keep theirs in indexed columns instead.
 */
export function sortKeyOf(column: string): RawBuilder<string> {
  return sql<string>`${sql.raw(SORT_KEY_FUNCTION)}(${sql.ref(column)})`
}

// Letters NFKD leaves whole, as the Unicode collation orders them at the primary level.
const FOLDED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
}

// Below every digit and letter, in this order: a space, then any punctuation or symbol.
const SPACE = '\u0001'
const PUNCTUATION = '\u0002'

// Typographic apostrophes, quotes and dashes sort as the plain ones people also type.
const TYPOGRAPHIC = /[\u2018\u2019\u02bc\u2032\u201c\u201d\u2010-\u2015]/g
const PLAIN: Record<string, string> = { '\u201c': '"', '\u201d': '"' }
const MARKS = /\p{M}+/gu
const TOKENS = /(\s+)|([0-9]+)|([\p{P}\p{S}])|([^\s0-9\p{P}\p{S}]+)/gu

/** Digits by value: the count of significant digits (two characters), then the digits. */
function numberKey(digits: string): string {
  const significant = digits.replace(/^0+(?=\d)/, '')
  return String(Math.min(significant.length, 99)).padStart(2, '0') + significant
}

export function sortKey(text: string | null | undefined): string {
  if (!text) return ''
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(TYPOGRAPHIC, (c) => PLAIN[c] ?? (c >= '\u2010' && c <= '\u2015' ? '-' : "'"))
  let key = ''
  for (const [, space, digits, punctuation, letters] of folded.trim().matchAll(TOKENS)) {
    if (space) key += SPACE
    else if (digits) key += numberKey(digits)
    else if (punctuation) key += PUNCTUATION + punctuation
    else key += letters.replace(/[łøđðþæœßıħŧŀ]/g, (c) => FOLDED[c])
  }
  return key
}
