// The push's group commit (src/main/sync/group-commit.ts) on a real SQLite file: writes
// queued in one turn share a transaction, each in its own savepoint, and a caller hears
// back only once its write is committed (read back through a second connection).
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { groupCommit } from '../../src/main/sync/group-commit'
import { DATABASE_FILE } from '../../src/main/engine/db/open'
import { openTestEngine, type OpenedTestEngine } from '../engine/helpers'

let opened: OpenedTestEngine
beforeEach(async () => {
  opened = await openTestEngine()
  opened.engine.sql.raw.exec('CREATE TABLE probe (n INTEGER NOT NULL)')
})
afterEach(() => opened.dispose())

/** What another connection to the file sees: only what was committed. */
function committed(): number[] {
  const other = new Database(path.join(opened.dir, DATABASE_FILE), { readonly: true })
  try {
    return (other.prepare('SELECT n FROM probe ORDER BY rowid').all() as { n: number }[]).map((r) => r.n)
  } finally {
    other.close()
  }
}

describe('group commit of the drain\'s writes', () => {
  it('commits the writes of one turn together, in order, before any caller hears back', async () => {
    const { sql } = opened.engine
    const commit = groupCommit(sql)
    const insert = (n: number) => () => {
      expect(sql.raw.inTransaction).toBe(true)
      sql.raw.prepare('INSERT INTO probe (n) VALUES (?)').run(n)
      return n
    }
    const first = commit(insert(1))
    const second = commit(insert(2))
    // Queued, not yet written: nothing runs until the turn ends.
    expect(committed()).toEqual([])
    const seen: number[][] = []
    const answers = await Promise.all([first.then((n) => (seen.push(committed()), n)), second])
    expect(answers).toEqual([1, 2])
    expect(seen[0]).toEqual([1, 2])
    expect(sql.raw.inTransaction).toBe(false)
  })

  it('undoes only the write that throws, and rejects only its caller', async () => {
    const { sql } = opened.engine
    const commit = groupCommit(sql)
    const outcomes = await Promise.allSettled([
      commit(() => sql.raw.prepare('INSERT INTO probe (n) VALUES (1)').run()),
      commit(() => {
        sql.raw.prepare('INSERT INTO probe (n) VALUES (2)').run()
        sql.raw.prepare('INSERT INTO probe (n) VALUES (NULL)').run() // NOT NULL: throws
      }),
      commit(() => sql.raw.prepare('INSERT INTO probe (n) VALUES (3)').run()),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/)
    expect(committed()).toEqual([1, 3])
    // The next turn's writes go in a transaction of their own.
    await commit(() => sql.raw.prepare('INSERT INTO probe (n) VALUES (4)').run())
    expect(committed()).toEqual([1, 3, 4])
  })
})
