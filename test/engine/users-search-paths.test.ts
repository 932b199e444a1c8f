// users.tabularList answers a name-or-email search in several ways (src/main/engine/
// trigram-search.ts): the trigram index alone for 1 to 3 characters, a rare trigram and a
// LIKE re-check for longer texts, a scan where the index would cost more, and the page
// either read from the matches or found by walking the sort order. Every way must return
// what LIKE returns: SQLite's LIKE over the users table, written here independently of the
// engine, is the oracle for the counts and for each page in every sort order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, rows, USER_SORT_COLUMNS, type OpenedTestEngine } from './helpers'

const SORTS = USER_SORT_COLUMNS
type SortKey = keyof typeof SORTS

function insertUsers(t: OpenedTestEngine, users: readonly { first: string; last: string; email: string; type?: string }[]): void {
  const insert = t.engine.sql.raw.prepare(
    `INSERT INTO users (first_name, last_name, email, email_key, user_type, last_login_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  t.engine.sql.raw.transaction(() => {
    users.forEach((u, i) => {
      // Few distinct dates and logins, so ties in the sort are broken by id.
      const at = new Date(Date.UTC(2023, 0, 1) + (i % 13) * 86_400_000).toISOString()
      const login = i % 4 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + (i % 5) * 3_600_000).toISOString()
      insert.run(u.first, u.last, u.email, u.email.toLowerCase(), u.type ?? ['general', 'staff', 'group_admin'][i % 3], login, at, at)
    })
  })()
}

function likePattern(text: string): string {
  return `%${text.replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_')}%`
}

/** The ids LIKE finds for the text as the list takes it (trimmed), in the list's order (ties by id). */
function oracle(t: OpenedTestEngine, text: string, sort: SortKey, direction: 'asc' | 'desc', types?: string[]): number[] {
  const pattern = likePattern(text.trim())
  const typed = types ? ` AND user_type IN (${types.map(() => '?').join(',')})` : ''
  return rows<{ id: number }>(
    t.engine,
    `SELECT id FROM users
     WHERE ((first_name || ' ' || last_name) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')${typed}
     ORDER BY ${SORTS[sort]} ${direction}, id ${direction}`,
    pattern,
    pattern,
    ...(types ?? []),
  ).map((r) => r.id)
}

function listed(t: OpenedTestEngine, text: string, sort: SortKey, direction: 'asc' | 'desc', pageSize: number, page: number, types?: string[]) {
  return t.call('users.tabularList', {
    page_size: pageSize,
    page_number: page,
    order_by: { colName: sort, direction },
    search_param: { nameOrEmail: text, ...(types ? { userType: types } : {}) },
  })
}

/** Checks the count and the first pages (and one past the end) against the oracle. */
function expectLikeResults(t: OpenedTestEngine, text: string, sorts: readonly SortKey[], pageSize: number, types?: string[]): number {
  const total = rows<{ n: number }>(t.engine, 'SELECT count(*) AS n FROM users')[0].n
  let matched = -1
  for (const sort of sorts) {
    for (const direction of ['asc', 'desc'] as const) {
      const expected = oracle(t, text, sort, direction, types)
      matched = expected.length
      const pages = Math.max(1, Math.ceil(expected.length / pageSize))
      for (const page of [...new Set([1, 2, pages, pages + 1])]) {
        const result = listed(t, text, sort, direction, pageSize, page, types)
        const label = `${JSON.stringify(text)} by ${sort} ${direction} page ${page}`
        expect(result.recordsTotal, label).toBe(total)
        expect(result.recordsFiltered, label).toBe(expected.length)
        expect(result.records.map((r) => r.id), label).toEqual(expected.slice((page - 1) * pageSize, page * pageSize))
      }
    }
  }
  return matched
}

describe('users search on a few hundred users: every text and sort order', () => {
  let t: OpenedTestEngine
  beforeAll(async () => {
    t = await openTestEngine({ demo: true })
    insertUsers(t, [
      { first: 'Fizz', last: 'Buzz', email: 'buzz@fizz.zz' }, // "zz" ends the name and the email
      { first: 'Jazz', last: '', email: 'jazz@example.org' }, // name "Jazz " ends in a space
      { first: 'A', last: 'Q', email: 'aq@example.org' },
      { first: 'Percent', last: '100%Sure', email: 'percent@example.org' },
      { first: 'Under_score', last: 'Person', email: 'under_score@example.org' },
      { first: 'Under-score', last: 'Lookalike', email: 'underxscore@example.org' },
      { first: 'Back\\slash', last: 'Person', email: 'back\\slash@example.org' },
      { first: 'ÉCOLE', last: 'Upper', email: 'ecole.upper@example.fr' },
      { first: 'école', last: 'Lower', email: 'ecole.lower@example.fr' },
      { first: 'Kelvin', last: '\u212Aelvin', email: 'kelvin.sign@example.org' }, // U+212A folds to k outside LIKE
      { first: 'İstanbul', last: 'Straße', email: 'istanbul@example.tr' },
      { first: 'Zoë', last: 'Quiñones', email: 'zoe.q@example.org' },
      { first: '王芳', last: '李', email: 'wang.fang@example.cn' },
      { first: 'Say "Hi"', last: 'Quote', email: 'quote@example.org' },
      { first: 'Mixed', last: 'CASE', email: 'MiXeD.Case@Example.ORG' },
      // Many alike: enough that these searches walk the sort order instead of reading matches.
      ...Array.from({ length: 320 }, (_, i) => ({ first: `Dense${i % 37}`, last: `Crowd${i % 11}`, email: `dense.${i}@crowd.example` })),
      // Names only letters apart, for searches that land between first and last name.
      ...Array.from({ length: 40 }, (_, i) => ({ first: `Name${i}`, last: `Family${i % 4}`, email: `n${i}@families.example` })),
    ])
  })
  afterAll(() => t.dispose())

  const texts = [
    // 1 and 2 characters, at the end of a name or an email, with wildcards and non-ASCII case
    // (the list trims the text: 'z ' is 'z')
    'z', 'Z', 'zz', 'ZZ', 'z ', 'q', 'Q', 'a q', 'A Q', '%', '_', '\\', '0%', '%S', 'e_', 'k\\', 'é', 'É', 'ß', 'ñ', '芳', '李',
    'k', 'K', '\u212A', '\u212Ae', 'i', 'İ', '"', '""', '@', '.', 'y', 'x',
    // 3 characters
    'zz.', 'Fiz', 'zz ', 'z B', 'a Q', '100', '0%S', 'r_s', 'r-s', 'h\\s', 'éco', 'ÉCO', 'Éco', 'ße', '王芳 ', '"Hi', 'ens', 'cro', 's.3',
    // longer: names, emails, across the space, wildcards taken literally
    'Fizz', 'fizz buzz', 'buzz@fizz.zz', 'Jazz ', 'Under_score', 'under_', 'der_sc', '100%Sure', 'Back\\slash', 'k\\slash',
    'ÉCOLE', 'école', 'ecole.', 'Kelvin', '\u212Aelvin', 'kelvin kelvin', 'İstanbul Straße', 'Zoë Quiñ', '王芳 李', 'Say "Hi"',
    'mixed.case@example.org', 'MIXED CASE', 'Dense', 'Dense1', 'dense1 crowd', 'Crowd1', 'crowd.example', 'Name1 Family1', 'e3 F',
    'no such person', 'zzzz', '%%%%', 'a%', '\u0001', 'a\u0001',
  ]

  it.each(texts)('finds exactly the LIKE results for %j in every order', (text) => {
    expectLikeResults(t, text, Object.keys(SORTS) as SortKey[], 25)
  })

  it('covers both ways of reading a page: from the matches and by walking the order', () => {
    const total = rows<{ n: number }>(t.engine, 'SELECT count(*) AS n FROM users')[0].n
    const walksFrom = Math.sqrt(50 * total)
    expect(oracle(t, 'ens', 'id', 'asc').length).toBeGreaterThan(walksFrom)
    expect(oracle(t, 'Dense', 'id', 'asc').length).toBeGreaterThan(walksFrom)
    expect(oracle(t, 'e', 'id', 'asc').length).toBeGreaterThan(walksFrom)
    expect(oracle(t, 'Fizz', 'id', 'asc').length).toBeLessThan(walksFrom)
    expect(oracle(t, 'zz', 'id', 'asc').length).toBeGreaterThan(1)
  })

  it('gives the LIKE results with a user type filter too, dense and sparse', () => {
    for (const text of ['ens', 'Dense', 'Dense1', 'zz', 'a q', 'Name1 Family1', 'e']) {
      for (const types of [['staff'], ['general', 'group_admin']]) expectLikeResults(t, text, ['created_at', 'last_name'], 20, types)
    }
  })

  it('follows creates, renames and deletes', () => {
    const { id } = t.call('users.create', { firstName: 'Quizz', lastName: 'Master', email: 'quizz@example.org', password: 'correct horse battery', password_confirmation: 'correct horse battery' })
    for (const text of ['zz', 'Quizz', 'z M', 'q']) expectLikeResults(t, text, ['id'], 50)
    t.call('users.update', { id, firstName: 'Puzzle', lastName: 'Maker', email: 'puzzle@example.org' })
    for (const text of ['zz', 'Quizz', 'uzzle', 'e M', 'q']) expectLikeResults(t, text, ['id'], 50)
    t.call('users.delete', { delete_ids: [id] })
    for (const text of ['zz', 'uzzle', 'q']) expectLikeResults(t, text, ['id'], 50)
  })
})

describe('users search on 17,000 users: rare, middling and common trigrams', () => {
  let t: OpenedTestEngine
  beforeAll(async () => {
    t = await openTestEngine()
    insertUsers(t, [
      ...Array.from({ length: 17_000 }, (_, i) => ({ first: `Bulk${i}`, last: 'Person', email: `bulk.${i}@example.org` })),
      // A character followed by more different characters than a short search unions.
      ...Array.from({ length: 150 }, (_, i) => ({ first: `ǭ${String.fromCodePoint(0x4e00 + i)}`, last: 'Many', email: `many.${i}@example.net` })),
    ])
  })
  afterAll(() => t.dispose())

  const cases: [text: string, why: string][] = [
    ['Bulk123', 'a trigram under the first probe limit'],
    ['Bulk1', 'no trigram under the first probe limit, one under the second'],
    ['example.org', 'every trigram common: scanned'],
    ['bulk.16', 'a rare trigram among common ones'],
    ['Person', 'common, in the name'],
    ['k.1', '3 characters, many rows'],
    ['k.', 'the union of ten trigrams, most rows'],
    ['e', 'one character most rows hold: scanned'],
    ['ǭ', 'one character followed by 150 others: scanned'],
    ['ǭ丁', 'two characters'],
    ['@example.net', 'rare'],
    ['no such person', 'a trigram nobody holds'],
  ]
  it.each(cases)('finds exactly the LIKE results for %j (%s)', (text) => {
    expectLikeResults(t, text, ['created_at', 'last_name', 'email'], 100)
  })
})
