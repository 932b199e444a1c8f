// Whether a user is disabled: only GET user/{id} documents it, one request per user. So a
// run reads USER_TURN mapped users, in turn (by server id, from where the last run
// stopped), as the rosters phase does: a site of n users is read through within n / 100
// runs, and a change there is learnt within as many. Merged three ways (PUT user/{id}
// sends it): an unsent change here is kept, one made on both sides is a conflict.
import { readMeta, writeMeta } from '../engine/meta'
import { PULLED_ROWS } from './pull-fields'
import type { PullPhase } from './pull-phase'
import { mergeDetails } from './pull-rows'
import { answered, unread, walkParents } from './pull-walk'

/** Users whose detail a run reads. */
export const USER_TURN = 100
const TURN_CURSOR = 'sync.user_turn_after'
const USERS = PULLED_ROWS.find((p) => p.entity === 'user')!

export const userDisabledPhase: PullPhase = {
  name: 'user details',
  entities: ['user'],
  async run(run) {
    const { sql, client, clock } = run.deps
    const after = Number(readMeta(sql, TURN_CURSOR) || 0)
    const all = sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', 'user').orderBy('server_id'))
    const turn = [...all.filter((u) => u.server_id > after), ...all.filter((u) => u.server_id <= after)].slice(0, USER_TURN)
    const result = await walkParents(
      run,
      turn,
      async (user) => {
        const where = `user ${user.server_id}`
        const outcome = await run.slot(() => client.answer('user', { id: user.server_id }))
        if (outcome.kind !== 'ok') return unread(run, outcome, where)
        answered(run, outcome, where)
        return { kind: 'read', data: outcome.value }
      },
      (user, detail) => {
        const conflicts = mergeDetails(sql, USERS, user.local_id, user.server_id, detail, run.cursor().sweep, clock().toISOString())
        run.count({ conflicts })
      },
    )
    if (result !== null) return result
    if (turn.length) writeMeta(sql, TURN_CURSOR, String(turn[turn.length - 1].server_id))
    return null
  },
}
