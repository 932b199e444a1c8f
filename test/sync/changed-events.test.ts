// A sync pull names the entities it changed in the engine's `changed` event, so screens
// open on the laptop show what arrived from the hosted LMS without a reload. The hosted
// LMS is the stand-in (`serve`, a real engine over HTTP on 127.0.0.1).
import { afterEach, beforeEach, expect, it } from 'vitest'
import { request } from '../http/server'
import { configure, openLaptop, startHosted, TOKEN, type Hosted, type Laptop } from './world'

let hosted: Hosted
let laptop: Laptop
beforeEach(async () => {
  hosted = await startHosted()
  laptop = await openLaptop({ pull: true })
  configure(laptop, hosted)
})
afterEach(async () => {
  laptop.dispose()
  await hosted.stop()
})

it('a pulled user is named in a changed event once the page that brought it is committed', async () => {
  await laptop.syncNow()
  const created = await request(hosted.server, 'POST', '/api/user/create', {
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: { firstName: 'Pulled', lastName: 'Learner', email: 'pulled@example.com', password: 'secret-pass-1', password_confirmation: 'secret-pass-1', userType: 'general' },
  })
  expect(created.status).toBe(200)
  const changed: string[][] = []
  laptop.engine.onEvent((e) => {
    if (e.type === 'changed') changed.push(e.entities)
  })
  expect((await laptop.syncNow()).stoppedBecause).toBeNull()
  await new Promise((resolve) => setImmediate(resolve))
  expect(changed.flat()).toContain('user')
  expect(laptop.call('users.tabularList', { page_size: 10, page_number: 1, search_param: { nameOrEmail: 'pulled@' } }).recordsFiltered).toBe(1)
})
