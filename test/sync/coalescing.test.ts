// Coalescing of records never attempted: updates fold into the create before it (one
// request), a later update replaces an earlier one, and create…delete sends nothing.
// Checked on the laptop's queue and against the strict stand-in hosted LMS through the fault proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/main/engine/password'
import { coalesce } from '../../src/main/sync/push'
import { changeRecords, openTestEngine, type OpenedTestEngine } from '../engine/helpers'
import { hostedPasswordHash, serverUsersByEmail, startHosted, TOKEN, type Hosted } from './world'

let hosted: Hosted
let laptop: OpenedTestEngine

beforeAll(async () => {
  hosted = await startHosted({ demo: true })
  laptop = await openTestEngine()
  laptop.engine.sync.stop()
  laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
})
afterAll(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

describe('coalescing never-attempted records', () => {
  it('folds a user update and a password change into the unsent create: one create with the latest values', async () => {
    const email = `fold.${Date.now()}@example.org`
    const id = laptop.call('users.create', { firstName: 'Frst', lastName: 'Lst', email, password: 'firstpassword', password_confirmation: 'firstpassword' }).id
    laptop.call('users.update', { id, firstName: 'First', lastName: 'Last', email })
    laptop.call('users.updatePassword', { id, password: 'secondpassword' })
    const queued = changeRecords(laptop.engine).filter((r) => r.local_id === id && r.entity === 'user')
    expect(queued).toHaveLength(3)
    // Queued passwords are sealed (test/security/secrets-at-rest.test.ts): the fold carries the change's sealed one.
    const second = queued.find((r) => r.operation === 'users.updatePassword')!.input.password
    expect(second).toMatch(/^lms-sealed:/)

    coalesce(laptop.engine.sql)
    const left = changeRecords(laptop.engine).filter((r) => r.local_id === id && r.entity === 'user')
    expect(left).toHaveLength(1)
    expect(left[0]).toMatchObject({ operation: 'users.create', input: { firstName: 'First', lastName: 'Last', email, password: second, password_confirmation: second } })

    expect(await laptop.async.call('sync.now', {})).toMatchObject({ stoppedBecause: null })
    const found = await serverUsersByEmail(hosted, email)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ first_name: 'First', last_name: 'Last' })
    expect(verifyPassword('secondpassword', hostedPasswordHash(hosted, email)!)).toBe(true)
  })

  it('keeps an update that a create cannot carry (disabling), after the folded create', () => {
    const email = `disable.${Date.now()}@example.org`
    const id = laptop.call('users.create', { firstName: 'Dis', lastName: 'Abled', email, password: 'longpassword', password_confirmation: 'longpassword' }).id
    laptop.call('users.update', { id, firstName: 'Dis', lastName: 'Abled', email, disabled: true })
    coalesce(laptop.engine.sql)
    expect(changeRecords(laptop.engine).filter((r) => r.local_id === id && r.entity === 'user').map((r) => r.operation)).toEqual(['users.create', 'users.update'])
  })

  it('folds a course update into its unsent create, and drops a course created and deleted before sending', () => {
    const slug = `fold-${Date.now()}`
    const id = laptop.call('courses.create', { name: 'Draft name', slug, gradingRule: 'no_grading', durationRule: 'unlimited', status: 'draft' }).id
    laptop.call('courses.update', { id, name: 'Final name', slug, gradingRule: 'no_grading', durationRule: 'unlimited', status: 'publish' })
    const gone = laptop.call('courses.create', { name: 'Oops', slug: `${slug}-oops`, gradingRule: 'no_grading', durationRule: 'unlimited', status: 'draft' }).id
    laptop.call('courses.delete', { delete_ids: [gone] })
    coalesce(laptop.engine.sql)
    const courses = changeRecords(laptop.engine).filter((r) => r.entity === 'course')
    expect(courses.filter((r) => r.local_id === gone)).toEqual([])
    const mine = courses.filter((r) => r.local_id === id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ operation: 'courses.create', input: { name: 'Final name', status: 'publish', slug } })
    expect(mine[0].input).not.toHaveProperty('id')
  })
})
