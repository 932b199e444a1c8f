// The catalog groups through sync: a laptop engine pushes to the stand-in hosted LMS (a
// real engine over HTTP) through the fault-injecting proxy. Creates whose first answer is
// lost after the stand-in committed them are found by their natural key (coupon code,
// category name and type, announcement heading, badge title) instead of being posted
// again; references are translated; updates and deletes follow. Accredible groups pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostedClient } from '../../src/main/sync/hosted-client'
import { accredibleGroupsPhase } from '../../src/main/sync/pull-accredible'
import { pullAll } from '../../src/main/sync/pull'
import { request } from '../http/server'
import { configure, expectQueueEmpty, newUser, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
const laptops: Laptop[] = []
beforeAll(async () => {
  // The strict stand-in honours no Idempotency-Key (nor does the real hosted LMS): the natural-key look-up is what is tested.
  hosted = await startHosted()
})
afterAll(async () => {
  for (const l of laptops) l.dispose()
  await hosted?.stop()
})

// 400 ms makes lost answers time out quickly; a test that needs every answer to arrive under load asks for longer.
async function laptop(timeoutMs = 400): Promise<Laptop> {
  const opened = await openLaptop({ timeoutMs })
  laptops.push(opened)
  configure(opened, hosted)
  hosted.proxy.clearRules()
  return opened
}

const onServer = async (path: string) => {
  const answer = await request(hosted.server, 'GET', path, { headers: { Authorization: `Bearer ${TOKEN}` } })
  expect(answer.status, answer.text).toBe(200)
  return answer.json as any
}
const q = (v: unknown) => encodeURIComponent(JSON.stringify(v))

describe('catalog creates whose answer is lost', () => {
  it('are found by natural key, mapped, and never duplicated; updates and deletes follow', async () => {
    const lap = await laptop()
    const t = uniqueToken('cat')
    const userId = lap.call('users.create', newUser(`${t}@example.org`)).id
    const couponId = lap.call('coupons.create', { code: `C${t}`, type: 'percent_amount', value: 10 }).id
    const categoryId = lap.call('categories.create', { category_name: `Cat ${t}`, categoryType: 'question' }).id
    const badgeId = lap.call('badges.create', { title: `Badge ${t}`, badgeIconUrl: '/images/badges/Badge_2.png' }).id
    const announcementId = lap.call('announcements.create', { heading: `News ${t}`, content: 'Hello', sending_rules: 'specific_users', user_ids: [userId] }).id
    for (const path of [/^\/api\/coupon\/create$/, /^\/api\/category\/create$/, /^\/api\/badge\/create/, /^\/api\/announcement$/]) {
      hosted.proxy.addRule({ method: 'POST', path, nth: 1, fault: { kind: 'lose-response' } })
    }
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)

    const coupons = (await onServer(`/api/coupons/tabularlist?page_size=100&page_number=1&search_param=${q({ code: `C${t}` })}`)).records
    expect(coupons).toHaveLength(1)
    expect(lap.serverId('coupon', couponId)).toBe(coupons[0].id)
    const categories = (await onServer(`/api/questioncategory/tabularlist?page_size=100&page_number=1&search_param=${q({ categoryName: `Cat ${t}` })}`)).records
    expect(categories).toHaveLength(1)
    expect(lap.serverId('category', categoryId)).toBe(categories[0].id)
    const badges = (await onServer(`/api/badges/tabularlist?page_size=100&page_number=1&search_param=${q({ title: `Badge ${t}` })}`)).records
    expect(badges).toHaveLength(1)
    expect(lap.serverId('badge', badgeId)).toBe(badges[0].id)
    const announcements = (await onServer(`/api/announcement/tabularlist?page_size=100&page_number=1&search_param=${q({ heading: `News ${t}` })}`)).records
    expect(announcements).toHaveLength(1)
    expect(lap.serverId('announcement', announcementId)).toBe(announcements[0].id)
    // The recipient is the stand-in's id of the laptop's user, not the laptop's local id.
    // (GET announcement/{id} documents no recipients: the request as it reached the stand-in is read.)
    const sent = hosted.proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/announcement' && e.forwarded > 0).map((e) => JSON.parse(e.body))
    expect(sent.map((b) => b.user_ids)).toEqual([[lap.serverId('user', userId)]])
    // Each create reached the stand-in once: the retry found it.
    expect(hosted.proxy.upstreamCount('POST', /^\/api\/coupon\/create$/)).toBe(1)

    lap.call('coupons.update', { id: couponId, code: `C${t}`, type: 'fixed_amount', value: 250 })
    lap.call('categories.update', { id: categoryId, category_name: `Cat ${t} renamed` })
    lap.call('badges.delete', { id: [badgeId] })
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    expect(await onServer(`/api/coupon/${coupons[0].id}`)).toMatchObject({ type: 'fixed_amount', value: 250 })
    expect((await onServer(`/api/category/${categories[0].id}`)).name).toBe(`Cat ${t} renamed`)
    expect((await onServer(`/api/badges/tabularlist?page_size=100&page_number=1&search_param=${q({ title: `Badge ${t}` })}`)).records).toEqual([])
  })

  it('a code the hosted LMS already has is parked with its message, not duplicated', async () => {
    const lap = await laptop(5000)
    const code = `DUP${uniqueToken('d')}`
    const answer = await request(hosted.server, 'POST', '/api/coupon/create', { headers: { Authorization: `Bearer ${TOKEN}` }, body: { code, type: 'fixed_amount', value: 5 } })
    expect(answer.status).toBe(200)
    lap.call('coupons.create', { code: code.toLowerCase(), type: 'fixed_amount', value: 7 })
    await lap.syncNow()
    expect(lap.parked()).toEqual([expect.objectContaining({ operation: 'coupons.create', reason: expect.stringMatching(/already been taken/) })])
    expect((await onServer(`/api/coupons/tabularlist?page_size=100&page_number=1&search_param=${q({ code })}`)).records).toHaveLength(1)
  })
})

describe('a category create answered as the hosted LMS documents it (a message, no id)', () => {
  it('is mapped by looking the category up by name within its type', async () => {
    // The stand-in answers with an id; this fetch drops it, as the documented answer has none.
    const withoutId: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (init?.method !== 'POST' || !String(input).endsWith('/api/category/create')) return response
      const { id: _dropped, ...rest } = (await response.json()) as Record<string, unknown>
      return new Response(JSON.stringify(rest), { status: response.status, headers: { 'Content-Type': 'application/json' } })
    }
    const lap = await openLaptop({ timeoutMs: 2000, fetchImpl: withoutId })
    laptops.push(lap)
    configure(lap, hosted)
    const name = `Kind ${uniqueToken('k')}`
    // The same name in another kind on the server must not be taken for it.
    const other = await request(hosted.server, 'POST', '/api/category/create', { headers: { Authorization: `Bearer ${TOKEN}` }, body: { category_name: name, categoryType: 'module' } })
    expect(other.status).toBe(200)
    const localId = lap.call('categories.create', { category_name: name, categoryType: 'user' }).id
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    const userCategories = (await onServer('/api/categories/user/lookup')) as { id: number; name: string }[]
    const created = userCategories.filter((c) => c.name === name)
    expect(created).toHaveLength(1)
    expect(lap.serverId('category', localId)).toBe(created[0].id)
    expect(created[0].id).not.toBe((other.json as { id: number }).id)
  })
})

describe('Accredible groups', () => {
  it('are replaced by the hosted LMS groups on pull, and kept when it cannot be reached', async () => {
    // A stand-in with the demo world holds three groups.
    const demoHosted = await startHosted({ demo: true })
    const lap = await laptop()
    try {
      lap.engine.sql.raw.prepare("INSERT INTO accredible_groups (id, name, pulled_at) VALUES (1, 'stale', '2020-01-01T00:00:00.000Z')").run()
      const client = new HostedClient({ serverUrl: demoHosted.proxy.url, token: TOKEN, timeoutMs: 400 })
      const pull = (at: Date, using = client) => pullAll({ sql: lap.engine.sql, client: using, clock: () => at }, [accredibleGroupsPhase])
      expect((await pull(new Date('2024-05-01T10:00:00.000Z'))).pulled).toBe(3)
      const local = lap.call('accredible.groupLookup')
      expect(local).toEqual({
        isEnabled: true,
        data: [
          { id: 352594, name: 'aom' },
          { id: 353767, name: 'group_aom_course' },
          { id: 353282, name: 'intro-ce' },
        ],
        pulledAt: '2024-05-01T10:00:00.000Z',
      })

      demoHosted.proxy.addRule({ method: 'GET', path: /^\/api\/accredible\/group\/lookup/, nth: 1, fault: { kind: 'status', status: 503 } })
      expect((await pull(new Date())).stoppedBecause).toBe('rate_limited')
      expect(lap.call('accredible.groupLookup').data).toHaveLength(3)
      expect((await pull(new Date(), new HostedClient({ serverUrl: demoHosted.proxy.url, token: 'wrong' }))).stoppedBecause).toBe('unauthorized')
      expect(lap.call('accredible.groupLookup').data).toHaveLength(3)
    } finally {
      await demoHosted.stop()
    }
  })
})
