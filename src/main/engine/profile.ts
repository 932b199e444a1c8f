// Whose data the folder holds (the demo world or a real site) and who is acting in it.
import type { Actor } from './context'
import { seedDemoWorld } from './demo/seed'
import type { Sql } from './db/sql'
import { userNameOf } from './domains/users/index'
import { readMeta, writeMeta } from './meta'

/** Marks a new folder as demo or site (seeding the demo world into an empty one) and records the schema version. */
export function prepareProfile(sql: Sql, options: { demo: boolean; clock: () => Date; dataDir: string; schemaVersion: number }): void {
  const { demo } = options
  const profile = readMeta(sql, 'profile')
  const empty = !sql.first(sql.qb.selectFrom('users').select('id').limit(1))
  if (demo && profile === 'site') {
    throw new Error('This data folder holds a real site\'s data; the demo world is only seeded into a separate, empty folder.')
  }
  sql.transaction(() => {
    if (demo && !profile && empty) {
      seedDemoWorld(sql, options.clock(), options.dataDir)
      writeMeta(sql, 'profile', 'demo')
      writeMeta(sql, 'actor_user_id', '1')
    } else if (!profile) {
      writeMeta(sql, 'profile', demo ? 'demo' : 'site')
    }
    writeMeta(sql, 'schema_version', String(options.schemaVersion))
  })
}

/** The acting user: who audit entries name as performer. */
export function actorOf(sql: Sql): Actor | null {
  const id = Number(readMeta(sql, 'actor_user_id'))
  if (!Number.isInteger(id) || id <= 0) return null
  const user = sql.first(userNameOf(id))
  return user ? { id, name: `${user.first_name} ${user.last_name}`.trim() } : null
}
