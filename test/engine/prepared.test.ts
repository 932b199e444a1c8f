// Queries compiled once (src/main/engine/db/prepared.ts) answer exactly what the same query
// built on each call answers, with each call's own values bound, on a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest'
import { prepared } from '../../src/main/engine/db/prepared'
import { openTestEngine, type OpenedTestEngine } from './helpers'

let opened: OpenedTestEngine | null = null
afterEach(() => {
  opened?.dispose()
  opened = null
})

const usersByType = prepared((qb, type: string, disabled: number) =>
  qb.selectFrom('users').select(['id', 'email']).where('user_type', '=', type).where('disabled', '=', disabled).orderBy('id'),
)
const metaValue = prepared((qb, key: string) => qb.selectFrom('app_meta').select('value').where('key', '=', key))
const putMeta = prepared((qb, key: string, value: string) =>
  qb.insertInto('app_meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })),
)

describe('prepared queries', () => {
  it('bind each call its own values and answer as the query built each time does', async () => {
    opened = await openTestEngine({ demo: true })
    const { sql } = opened.engine
    for (const type of ['general', 'staff', 'group_admin', 'no such type']) {
      const built = sql.all(sql.qb.selectFrom('users').select(['id', 'email']).where('user_type', '=', type).where('disabled', '=', 0).orderBy('id'))
      expect(sql.all(usersByType(type, 0))).toEqual(built)
    }
    expect(sql.all(usersByType('general', 0)).length).toBeGreaterThan(0)
  })

  it('write with bound values: an upsert twice keeps the second value', async () => {
    opened = await openTestEngine()
    const { sql } = opened.engine
    sql.run(putMeta('test.key', 'first'))
    sql.run(putMeta('test.key', "second'); DROP TABLE users; --"))
    expect(sql.first(metaValue('test.key'))?.value).toBe("second'); DROP TABLE users; --")
    expect(sql.first(metaValue('no.such.key'))).toBeUndefined()
    expect(sql.all(sql.qb.selectFrom('users').select('id'))).toBeInstanceOf(Array)
  })

  it('refuses a builder that does not use an argument as a value', async () => {
    opened = await openTestEngine()
    const ignoresIt = prepared((qb, _id: number) => qb.selectFrom('users').select('id'))
    expect(() => opened?.engine.sql.all(ignoresIt(1))).toThrow(/did not use all of its 1 arguments/)
    // Logic on an argument would be decided once, at compile time, for every later call.
    const decidesOnIt = prepared((qb, disabled: boolean) => qb.selectFrom('users').select('id').where('disabled', '=', disabled ? 1 : 0))
    expect(() => opened?.engine.sql.all(decidesOnIt(false))).toThrow(/did not use all of its 1 arguments/)
  })
})
