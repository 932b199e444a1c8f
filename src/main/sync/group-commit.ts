// The drain's writes to the queue, committed together. Under synchronous=FULL every commit
// is an fsync (about 6 ms on a loaded laptop disk) that holds this thread, answers from
// the hosted LMS included; one transaction per record's mark or answer made those commits
// most of a drain's time. Writes queued during one turn of the event loop share one
// transaction, each in its own savepoint (one that throws undoes only itself and rejects
// only its caller). The longer a commit takes, the more answers arrive meanwhile and share
// the next one. A caller that needs its write on disk before it goes on (a record marked
// `sending` before its request leaves) awaits it; nothing is reported done before that.
import type { Sql } from '../engine/db/sql'

export type GroupCommit = <T>(write: () => T) => Promise<T>

export function groupCommit(sql: Sql): GroupCommit {
  let queued: { write: () => unknown; resolve: (value: never) => void; reject: (error: unknown) => void }[] = []
  const flush = () => {
    const group = queued
    queued = []
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    try {
      sql.transaction(() => {
        for (const { write } of group) {
          try {
            outcomes.push({ ok: true, value: sql.transaction(write) })
          } catch (error) {
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      // The commit itself failed (a full disk): none of the group's writes is kept.
      for (const { reject } of group) reject(error)
      return
    }
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]
      if (outcome.ok) resolve(outcome.value as never)
      else reject(outcome.error)
    })
  }
  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queued.length === 0) setImmediate(flush)
      queued.push({ write, resolve: resolve as (value: never) => void, reject })
    })
}
