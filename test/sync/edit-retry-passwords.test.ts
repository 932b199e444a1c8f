// Edit and retry of a parked bulk upload keeps the real passwords (issue 16, finding 6).
// A laptop queues a user/bulkUpload of three users with passwords; the strict stand-in
// already has one of the emails and refuses the whole call (422), so the record is parked.
// The trainer sees the userList with every password hidden, fixes the email in the list as
// shown and retries; the users that reach the hosted LMS have the passwords they were given,
// checked against the stand-in's own stored hashes (its SQLite file, read only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REDACTED } from '../../src/main/engine/redact'
import { verifyPassword } from '../../src/main/engine/password'
import { request } from '../http/server'
import { configure, openLaptop, hostedPasswordHash, startHosted, TOKEN, type Hosted, type Laptop } from './world'

const stamp = Date.now()
const people = [
  { email: `ann.${stamp}@example.org`, first_name: 'Ann', last_name: 'One', password: 'Ann-Secret-1x' },
  { email: `bob.${stamp}@example.org`, first_name: 'Bob', last_name: 'Two', password: 'Bob-Secret-2x' },
  { email: `cy.${stamp}@example.org`, first_name: 'Cy', last_name: 'Three', password: 'Cy-Secret-3x' },
]
const fixedBob = `robert.${stamp}@example.org`

let hosted: Hosted
let laptop: Laptop
beforeAll(async () => {
  hosted = await startHosted({ demo: true })
  laptop = await openLaptop()
  configure(laptop, hosted)
})
afterAll(async () => {
  laptop?.dispose()
  await hosted?.stop()
})


describe('edit and retry of a parked bulk upload', () => {
  it('sends the real passwords, each with its own user, after the email is fixed', async () => {
    // Bob's email is taken on the hosted LMS (someone else made that account there).
    const taken = await request(hosted.server, 'POST', '/api/user/bulkUpload', {
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: { userList: [{ email: people[1]!.email, first_name: 'Other', last_name: 'Bob' }] },
    })
    expect(taken.status).toBe(200)

    laptop.call('users.bulkUpload', { userList: people })
    const first = await laptop.syncNow()
    expect(first.parked).toBe(1)
    const [parked] = laptop.parked()
    expect(parked).toMatchObject({ operation: 'users.bulkUpload', state: 'parked' })
    expect(parked!.reason).toMatch(/already been taken/)
    const shown = (parked!.input as { userList: { email: string; password: string }[] }).userList
    expect(shown.map((u) => u.password)).toEqual([REDACTED, REDACTED, REDACTED])

    // The Edit and retry form sends back the list as shown, with Bob's email fixed.
    const userList = shown.map((u) => (u.email === people[1]!.email ? { ...u, email: fixedBob } : u))
    laptop.call('sync.retry', { id: parked!.id, input: { userList } })
    if ('advance' in laptop.clock) laptop.clock.advance(60 * 60_000)
    const second = await laptop.syncNow()
    expect(laptop.parked()).toEqual([])
    expect(second.parked).toBe(0)

    for (const [email, password] of [
      [people[0]!.email, people[0]!.password],
      [fixedBob, people[1]!.password],
      [people[2]!.email, people[2]!.password],
    ] as const) {
      const hash = hostedPasswordHash(hosted, email)
      expect(hash, `${email} on the hosted LMS`).toEqual(expect.any(String))
      expect(verifyPassword(password, hash!), `${email} signs in with the password it was given`).toBe(true)
      expect(verifyPassword(REDACTED, hash!), `${email} has the redaction mark as its password`).toBe(false)
    }
  })
})
