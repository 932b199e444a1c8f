// Small key/value settings of the data folder (profile kind, acting user, schema version).
import type { Sql } from './db/sql'

export function readMeta(sql: Sql, key: string): string | undefined {
  return sql.first(sql.qb.selectFrom('app_meta').select('value').where('key', '=', key))?.value
}

export function writeMeta(sql: Sql, key: string, value: string): void {
  sql.run(
    sql.qb
      .insertInto('app_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  )
}
