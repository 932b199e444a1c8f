// Issue 15's measurements, replayed: an empty laptop pointed at the strict stand-in
// (`serve --hosted`: documented keys, required parameters, documented locations, no
// Idempotency-Key), through the fault proxy. Each test is one measurement of the issue.
// Each failed before this sync (committed as it.fails with the stand-in).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from '../http/server'
import { configure, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

const auth = { Authorization: `Bearer ${TOKEN}` }
const laptops: Laptop[] = []
afterAll(() => {
  for (const laptop of laptops) laptop.dispose()
})

async function pullingLaptop(hosted: Hosted, serverUrl = hosted.proxy.url): Promise<Laptop> {
  const laptop = await openLaptop({ pull: true, timeoutMs: 5_000 })
  laptops.push(laptop)
  laptop.call('sync.configure', { serverUrl, token: TOKEN })
  return laptop
}

const count = (laptop: Laptop, table: string) => (laptop.engine.sql.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const api = async (hosted: Hosted, method: string, url: string, body?: unknown) => {
  const answer = await request(hosted.server, method, url, { headers: auth, body })
  if (answer.status !== 200) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
  return answer.json
}

describe('an empty laptop and the strict stand-in of the demo world', () => {
  let hosted: Hosted
  beforeAll(async () => {
    hosted = await startHosted({ demo: true, hosted: true })
  })
  afterAll(async () => {
    await hosted?.stop()
  })

  it('pulls past submissions: classes, rosters and Accredible groups arrive; local writes are pushed; nothing is refused', async () => {
    const laptop = await pullingLaptop(hosted)
    const first = await laptop.syncNow()
    expect(first.stoppedBecause).toBeNull()
    expect(count(laptop, 'classes')).toBeGreaterThan(0)
    expect(count(laptop, 'class_enrollments')).toBeGreaterThan(0)
    expect(count(laptop, 'accredible_groups')).toBeGreaterThan(0)
    expect(count(laptop, 'submissions')).toBeGreaterThan(0)

    const token = uniqueToken('reality')
    laptop.call('categories.create', { category_name: `Category ${token}`, categoryType: 'module' })
    const user = laptop.call('users.create', {
      firstName: 'Real',
      lastName: 'Ity',
      email: `${token}@example.org`,
      password: 'reality password',
      password_confirmation: 'reality password',
    })
    const course = laptop.engine.sql.raw.prepare('SELECT id FROM courses ORDER BY id LIMIT 1').get() as { id: number }
    laptop.call('courses.enroll', { id: course.id, studentIds: [user.id] })
    await syncUntilSettled(laptop)
    expect(laptop.queue()).toEqual([])
    expect(laptop.status()).toMatchObject({ pending: 0, sending: 0, parked: 0, lastError: null })
    const refused = hosted.proxy.log.filter((e) => e.answered !== null && e.answered >= 400)
    expect(refused.map((e) => `${e.method} ${e.path} ${e.answered}`)).toEqual([])
  })

  it('sends PUT user/{id} with every parameter the reference requires', async () => {
    const laptop = await pullingLaptop(hosted)
    await laptop.syncNow()
    const local = laptop.engine.sql.raw.prepare("SELECT u.id, u.email, m.server_id FROM users u JOIN id_map m ON m.entity = 'user' AND m.local_id = u.id WHERE u.email = 'john.doe@demo.aomlms.com'").get() as {
      id: number
      email: string
      server_id: number
    }
    laptop.call('users.update', { id: local.id, firstName: 'Johnathan', lastName: 'Doe', email: local.email })
    await syncUntilSettled(laptop)
    expect(laptop.parked()).toEqual([])
    expect((await api(hosted, 'GET', `/api/user/${local.server_id}`)).firstName).toBe('Johnathan')
  })

  it('sends class/enroll with studentIds in the query string, where the reference puts them', async () => {
    const laptop = await pullingLaptop(hosted)
    await laptop.syncNow()
    const token = uniqueToken('walkin')
    const user = laptop.call('users.create', { firstName: 'Walk', lastName: 'In', email: `${token}@example.org`, password: 'walk in password', password_confirmation: 'walk in password' })
    const cls = laptop.engine.sql.raw.prepare("SELECT c.id, m.server_id FROM classes c JOIN id_map m ON m.entity = 'class' AND m.local_id = c.id ORDER BY c.id LIMIT 1").get() as { id: number; server_id: number }
    laptop.call('classes.enroll', { id: cls.id, studentIds: [user.id] })
    await syncUntilSettled(laptop)
    expect(laptop.parked()).toEqual([])
    const enroll = hosted.proxy.log.filter((e) => e.method === 'POST' && /^\/api\/class\/enroll\//.test(e.path))
    expect(enroll).toHaveLength(1)
    expect(enroll[0].path).toMatch(/[?&]studentIds(%5B%5D|\[\])=/)
    expect(enroll[0].answered).toBe(200)
  })

  it('translates every id of POST course, certificateTemplates too', async () => {
    const laptop = await pullingLaptop(hosted)
    await laptop.syncNow()
    const token = uniqueToken('cert')
    const template = laptop.call('certificateTemplates.create', { name: `Template ${token}`, width: 800, height: 600, fields: [] })
    const course = laptop.call('courses.create', {
      name: `Course ${token}`,
      slug: `course-${token}`,
      status: 'draft',
      gradingRule: 'no_grading',
      durationRule: 'unlimited',
      certificateTemplates: [template.id],
    })
    await syncUntilSettled(laptop)
    expect(laptop.parked()).toEqual([])
    const serverTemplate = laptop.serverId('certificate_template', template.id)
    const serverCourse = laptop.serverId('course', course.id)
    expect(serverTemplate).toBeDefined()
    expect((await api(hosted, 'GET', `/api/course/${serverCourse}`)).certificateTemplates).toEqual([serverTemplate])
  })

  it('an enrollment learnt from a course report (no id there) and removed here is removed on the hosted LMS', async () => {
    const laptop = await pullingLaptop(hosted)
    await laptop.syncNow()
    const row = laptop.engine.sql.raw
      .prepare(
        "SELECT e.id, e.course_id, mu.server_id AS user, mc.server_id AS course FROM enrollments e JOIN id_map mu ON mu.entity = 'user' AND mu.local_id = e.user_id JOIN id_map mc ON mc.entity = 'course' AND mc.local_id = e.course_id ORDER BY e.id LIMIT 1",
      )
      .get() as { id: number; course_id: number; user: number; course: number }
    expect(laptop.serverId('enrollment', row.id)).toBeUndefined()
    const enrolledThere = async () => ((await api(hosted, 'GET', `/api/users/enrolled-courses?user_id=${row.user}&page_size=100&page_number=1`)).records as { courseId: number }[]).some((r) => r.courseId === row.course)
    expect(await enrolledThere()).toBe(true)
    laptop.call('courses.remove', { id: row.course_id, enrollmentIds: [row.id] })
    await syncUntilSettled(laptop)
    expect(laptop.queue()).toEqual([])
    expect(await enrolledThere()).toBe(false)
  })

  it('a serverUrl ending in /api reaches the same routes', async () => {
    const laptop = await pullingLaptop(hosted, `${hosted.proxy.url}/api/`)
    const summary = await laptop.syncNow()
    expect(summary.stoppedBecause).toBeNull()
    expect(count(laptop, 'users')).toBeGreaterThan(0)
    expect(hosted.proxy.log.some((e) => e.path.startsWith('/api/api/'))).toBe(false)
  })
})

describe('creates the hosted LMS answers without an id, with no Idempotency-Key to fall back on', () => {
  let hosted: Hosted
  beforeAll(async () => {
    hosted = await startHosted({ demo: true, hosted: true })
  })
  afterAll(async () => {
    await hosted?.stop()
  })

  // With the pull off, only the push's own look-ups (documented routes and filters) can find what landed.
  it.each([
    ['with the pull on, as the app runs', true],
    ['push only: found by the rules\' documented look-ups', false],
  ])('category/create, course/enroll, class/enroll and user/bulkUpload each reach the hosted LMS once, answers lost: %s', async (_label, pull) => {
    const first = await pullingLaptop(hosted)
    await first.syncNow()
    // One process per data folder: the pulling laptop closes before the push-only one opens its folder.
    if (!pull) first.close()
    const laptop = pull ? first : await openLaptop({ dir: first.dir, pull: false, timeoutMs: 5_000 }).then((l) => (laptops.push(l), l))
    if (!pull) laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
    const token = uniqueToken('idless')
    const category = `Idless ${token}`
    laptop.call('categories.create', { category_name: category, categoryType: 'course' })
    const user = laptop.call('users.create', { firstName: 'Id', lastName: 'Less', email: `${token}@example.org`, password: 'idless password', password_confirmation: 'idless password' })
    const course = laptop.engine.sql.raw.prepare("SELECT c.id FROM courses c JOIN id_map m ON m.entity = 'course' AND m.local_id = c.id ORDER BY c.id LIMIT 1").get() as { id: number }
    laptop.call('courses.enroll', { id: course.id, studentIds: [user.id] })
    const cls = laptop.engine.sql.raw.prepare("SELECT c.id FROM classes c JOIN id_map m ON m.entity = 'class' AND m.local_id = c.id ORDER BY c.id LIMIT 1").get() as { id: number }
    laptop.call('classes.enroll', { id: cls.id, studentIds: [user.id] })
    const csv = `first_name,last_name,email\nBulk,One,bulk.one.${token}@example.org\nBulk,Two,bulk.two.${token}@example.org\n`
    await laptop.async.result('import.commit', { contentBase64: Buffer.from(csv).toString('base64') })

    const posts = (path: RegExp) => hosted.proxy.upstreamCount('POST', path)
    const ID_LESS = [/^\/api\/category\/create$/, /^\/api\/course\/enroll\//, /^\/api\/class\/enroll\//, /^\/api\/user\/bulkUpload$/]
    const before = ID_LESS.map(posts)
    // Every id-less create's first answer is lost after the stand-in committed it.
    for (const path of ID_LESS) hosted.proxy.addRule({ method: 'POST', path, nth: before[ID_LESS.indexOf(path)] + 1, fault: { kind: 'lose-response' } })
    await syncUntilSettled(laptop, 12)
    await laptop.syncNow()
    hosted.proxy.clearRules()

    expect(ID_LESS.map(posts)).toEqual(before.map((n) => n + 1))
    const categories = (await api(hosted, 'GET', `/api/coursecategory/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ categoryName: category }))}`)).records
    expect(categories.filter((c: { name: string }) => c.name === category)).toHaveLength(1)
    const lookup = (await api(hosted, 'GET', '/api/users/lookup')) as { id: number; email: string }[]
    expect(lookup.filter((u) => u.email.includes(token))).toHaveLength(3)
    expect(laptop.queue()).toEqual([])
    expect(laptop.serverId('user', user.id)).toBe(lookup.find((u) => u.email === `${token}@example.org`)!.id)
  })

  it('a create the hosted LMS accepted is never sent again; one that cannot be found afterwards is parked with what to check', async () => {
    const laptop = await openLaptop({ pull: false, timeoutMs: 5_000 })
    laptops.push(laptop)
    laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
    const name = `Vanishing ${uniqueToken('v')}`
    laptop.call('categories.create', { category_name: name, categoryType: 'module' })
    const creates = () => hosted.proxy.upstreamCount('POST', /^\/api\/category\/create$/)
    const before = creates()
    // Accepted (200, no id); the look-up that follows gets no answer.
    hosted.proxy.addRule({ method: 'GET', path: /^\/api\/modulecategory\/tabularlist/, nth: 1, fault: { kind: 'status', status: 500 } })
    await laptop.syncNow()
    expect(laptop.queue()).toMatchObject([{ operation: 'categories.create', state: 'sending' }])
    // Meanwhile someone deletes it on the hosted LMS.
    const found = (await api(hosted, 'GET', `/api/modulecategory/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ categoryName: name }))}`)).records as { id: number; name: string }[]
    await api(hosted, 'POST', '/api/category/delete', { delete_ids: found.filter((c) => c.name === name).map((c) => c.id) })
    await syncUntilSettled(laptop, 3)
    expect(creates() - before).toBe(1)
    expect(laptop.parked()).toEqual([
      expect.objectContaining({ operation: 'categories.create', reason: expect.stringMatching(/accepted this, but it cannot be found there through GET <kind>category\/tabularlist/) }),
    ])
  })
})

describe('answers the reference allows: ids as numeric strings, null in optional texts', () => {
  let hosted: Hosted
  beforeAll(async () => {
    hosted = await startHosted({ demo: true, hosted: ['string-ids', 'nulls'] })
    // A learner without a last name (optional on create): a server answers null there.
    await api(hosted, 'POST', '/api/user/create', { firstName: 'Mononym', email: 'mononym@example.org', password: 'mononym password', password_confirmation: 'mononym password' })
  })
  afterAll(async () => {
    await hosted?.stop()
  })

  it('pulls users, enrollments and submissions as if the ids were numbers, and a null last name as empty', async () => {
    const laptop = await pullingLaptop(hosted)
    const summary = await laptop.syncNow()
    expect(summary.stoppedBecause).toBeNull()
    expect(laptop.engine.sql.raw.prepare("SELECT last_name FROM users WHERE email = 'mononym@example.org'").get()).toEqual({ last_name: '' })
    expect(count(laptop, 'enrollments')).toBeGreaterThan(0)
    expect(count(laptop, 'submissions')).toBeGreaterThan(0)
    expect(count(laptop, 'class_enrollments')).toBeGreaterThan(0)
  })
})
