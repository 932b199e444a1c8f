// Users' last login, from GET users/report: the one documented answer that gives it as a
// date ("Oct 09, 2020"; users/tabularlist and user/{id} give only "2 days ago" or "Never").
// Its records carry no id, so each is matched to a mapped user by email. One request per
// page of the report (users / page size a run), no request per user. The hosted LMS alone
// sets a last login, so its value is always taken.
import { sql as raw } from 'kysely'
import type { PullPhase } from './pull-phase'

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
        for (const rec of outcome.records) {
          const result = sql.run(
            sql.qb
              .updateTable('users')
              .set({ last_login_at: rec.last_login, updated_at: now })
              .where('email_key', '=', rec.email)
              .where(raw<boolean>`last_login_at IS NOT ${rec.last_login}`)
              .where('id', 'in', sql.qb.selectFrom('id_map').select('local_id').where('entity', '=', 'user')),
          )
          changed += result.changes
        }
        run.save({ ...cursor, page: cursor.page + 1 })
      })
      if (changed) run.count({ pulled: changed })
      run.progress(Math.min(1, (cursor.page * run.pageSize) / Math.max(1, outcome.total ?? 1)))
      if (outcome.records.length + outcome.skipped.length < run.pageSize) return null
    }
  },
}
