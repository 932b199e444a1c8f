// Accredible groups: a small lookup (GET accredible/group/lookup) replaced as a whole, so
// the offline answer is the last sync's. A hosted LMS without Accredible refuses the lookup:
// nothing to keep then, and no reason to fail the pull.
import type { PullPhase } from './pull-phase'

export const accredibleGroupsPhase: PullPhase = {
  name: 'accredible groups',
  entities: ['accredible_group'],
  async run(run) {
    const { sql, client, clock } = run.deps
    const outcome = await client.answer('accredibleGroups', {})
    if (outcome.kind === 'refused') return null
    if (outcome.kind !== 'ok') {
      const verdict = run.failed(outcome, 'lookup')
      return verdict === 'skip' ? null : verdict
    }
    run.succeeded('lookup')
    run.skipped(outcome.route, outcome.skipped)
    const at = clock().toISOString()
    sql.transaction(() => {
      sql.run(sql.qb.deleteFrom('accredible_groups'))
      for (const g of outcome.value.data) sql.run(sql.qb.insertInto('accredible_groups').values({ id: g.id, name: g.name.slice(0, 255), pulled_at: at }))
    })
    run.count({ pulled: outcome.value.data.length })
    return null
  },
}
