// The engine's `changed` event: after each committed write it names the entities whose
// rows changed (from the change records written, or a local-only write's declaration),
// once per turn of the event loop; refused and no-op writes name nothing. The renderer's
// queries refetch by these names, so a missing one is a screen left stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../src/shared/contract/bridge'
import { entitiesRead, LOCAL_WRITE_ENTITIES, READ_ENTITIES } from '../../src/shared/operations/entities'
import { operations } from '../../src/shared/operations/index'
import { openTestEngine, type GroupCall, type OpenedTestEngine } from './helpers'
import { importCalls } from './import-helpers'

let t: OpenedTestEngine
let changed: string[][]
beforeEach(async () => {
  t = await openTestEngine()
  changed = []
  t.engine.onEvent((e: EngineEvent) => {
    if (e.type === 'changed') changed.push(e.entities)
  })
})
afterEach(() => t.dispose())

/** Lets the engine's once-per-turn event go out. */
const turn = () => new Promise((resolve) => setImmediate(resolve))
const person = (n: number) => ({ firstName: `Ada${n}`, lastName: 'Lovelace', email: `ada${n}@example.com`, password: 'secret-pass-1', password_confirmation: 'secret-pass-1', userType: 'general' })

describe('changed events', () => {
  it('a created user names users and the sync queue, after the write', async () => {
    t.call('users.create', person(1))
    expect(changed).toEqual([])
    await turn()
    expect(changed).toEqual([['sync_state', 'user']])
  })

  it('a refused write and a write that changes nothing name nothing', async () => {
    const { id } = t.call('users.create', person(1))
    await turn()
    changed = []
    expect(t.result('users.create', { ...person(2), email: 'not an email' }).ok).toBe(false)
    const same = t.call('users.get', { id })
    t.call('users.update', { id, firstName: same.firstName, lastName: same.lastName, email: same.email })
    await turn()
    expect(changed).toEqual([])
  })

  it('a group of writes committed together is one event', async () => {
    const answers = t.engine.invokeGroup([1, 2, 3].map((n): GroupCall => ({ name: 'users.create', input: person(n) })))
    for (const answer of await Promise.all(answers)) expect(answer.ok).toBe(true)
    await turn()
    expect(changed).toEqual([['sync_state', 'user']])
  })

  it('a local-only write names what it declares', async () => {
    const { id } = t.call('users.create', person(1))
    await turn()
    changed = []
    t.call('twoFactor.prepare', { user_id: id })
    await turn()
    expect(changed).toEqual([['user']])
  })

  it('an import commit names the users it wrote once it is done', async () => {
    const { commit } = importCalls(() => t.async)
    const csv = 'first_name,last_name,email\nGrace,Hopper,grace@example.com\nAlan,Turing,alan@example.com\n'
    const result = await commit(csv, { batchSize: 1 })
    expect(result.created).toBe(2)
    await turn()
    expect(changed.flat()).toContain('user')
    expect(changed.flat()).toContain('sync_state')
  })

  it('every read and every local-only write is listed by entity', () => {
    for (const name of ['users.tabularList', 'users.get', 'courses.enrolledStudents', 'courses.allSubmissions', 'attendance.roster'] as const) {
      expect(entitiesRead(name), name).toContain('user')
    }
    // The table is keyed by the declarations: every read (and job that writes nothing) is listed, nothing else.
    const reads = operations.filter((o) => o.kind === 'read' || (o.kind === 'job' && !o.writes)).map((o) => o.name)
    expect(Object.keys(READ_ENTITIES).sort()).toEqual([...reads].sort())
    // Every local-only write says what it changes (the reads that write are listed beside them).
    const localWrites = operations.filter((o) => o.kind === 'write' && !o.sync).map((o) => o.name)
    const listed = Object.keys(LOCAL_WRITE_ENTITIES).filter((name) => operations.some((o) => o.name === name && o.kind === 'write'))
    expect(listed.sort()).toEqual([...localWrites].sort())
  })
})
