// Every write that records a change record must be something sync knows how to send:
// a queued record without an adapter would sit in the queue for ever.
import { describe, expect, it } from 'vitest'
import { operations } from '../../src/shared/operations/index'
import { ADAPTERS } from '../../src/main/sync/adapters'

describe('sync adapters', () => {
  it('exist for every queued write, and only for those', () => {
    const queued: string[] = operations.filter((op) => op.kind === 'write' && op.sync !== null).map((op) => op.name).sort()
    const missing = queued.filter((name) => !ADAPTERS[name])
    expect(missing).toEqual([])
    const strays = Object.keys(ADAPTERS).filter((name) => !queued.includes(name))
    expect(strays).toEqual([])
  })

  it('that create know how to find their server id after success and after an unknown outcome', () => {
    for (const [name, adapter] of Object.entries(ADAPTERS)) {
      if (adapter.kind !== 'create') continue
      expect(typeof adapter.serverIdAfterSuccess, name).toBe('function')
      expect(typeof adapter.reconcile, name).toBe('function')
    }
  })
})
