// Users' last login, from GET users/report: the one documented answer that gives it as a
// date ("Oct 09, 2020"; users/tabularlist and user/{id} give only "2 days ago" or "Never").
// Its records carry no id, so each is matched to a mapped user by email. One request per
// page of the report (users / page size a run), no request per user. The hosted LMS alone
// sets a last login, so its value is always taken.
import type { Sql } from '../engine/db/sql'
import type { PullPhase } from './pull-phase'

/** Local users mapped to the hosted LMS, by lower-cased email, with their last login. */
function mappedUsersByEmail(sql: Sql, emails: readonly string[]): Map<string, { id: number; last_login_at: string | null }[]> {
  const found = new Map<string, { id: number; last_login_at: string | null }[]>()
  const unique = [...new Set(emails)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = sql.all(
      sql.qb
        .selectFrom('users as u')
        .innerJoin('id_map as m', (j) => j.onRef('m.local_id', '=', 'u.id').on('m.entity', '=', 'user'))
        .select(['u.id', 'u.email_key', 'u.last_login_at'])
        .where('u.email_key', 'in', unique.slice(i, i + 500)),
    )
    for (const r of rows) found.set(r.email_key, [...(found.get(r.email_key) ?? []), { id: r.id, last_login_at: r.last_login_at }])
  }
  return found
}

export const lastLoginPhase: PullPhase = {
  name: 'users report',
  entities: ['user'],
  async run(run) {
    const { sql, client, clock } = run.deps
    for (;;) {
      const cursor = run.cursor()
      const where = `page ${cursor.page}`
      const outcome = await client.records('usersReport', { page_size: run.pageSize, page_number: cursor.page })
      if (outcome.kind !== 'ok') {
        const verdict = run.failed(outcome, where)
        if (verdict !== 'skip') return verdict
        run.save({ ...cursor, page: cursor.page + 1 })
        continue
      }
      run.succeeded(where)
      run.skipped(outcome.route, outcome.skipped)
      const now = clock().toISOString()
      let changed = 0
      sql.transaction(() => {
        // The page's mapped users read at once (a subquery over every mapping, per record, made this phase quadratic).
        const mapped = mappedUsersByEmail(sql, outcome.records.map((r) => r.email))
        for (const rec of outcome.records) {
          for (const user of mapped.get(rec.email) ?? []) {
            if (user.last_login_at === rec.last_login) continue
            changed += sql.run(sql.qb.updateTable('users').set({ last_login_at: rec.last_login, updated_at: now }).where('id', '=', user.id)).changes
            user.last_login_at = rec.last_login
          }
        }
        run.save({ ...cursor, page: cursor.page + 1 })
      })
      if (changed) run.count({ pulled: changed })
      run.progress(Math.min(1, (cursor.page * run.pageSize) / Math.max(1, outcome.total ?? 1)))
      if (outcome.records.length + outcome.skipped.length < run.pageSize) return null
    }
  },
}
