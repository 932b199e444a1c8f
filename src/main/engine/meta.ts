// Small key/value settings of the data folder (profile kind, acting user, schema version).
import { prepared } from './db/prepared'
import type { Sql } from './db/sql'

// Read on every call (the acting user) and by every sync step: compiled once (see prepared.ts).
const metaValue = prepared((qb, key: string) => qb.selectFrom('app_meta').select('value').where('key', '=', key))

export function readMeta(sql: Sql, key: string): string | undefined {
  return sql.first(metaValue(key))?.value
}

export function writeMeta(sql: Sql, key: string, value: string): void {
  sql.run(
    sql.qb
      .insertInto('app_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  )
}
