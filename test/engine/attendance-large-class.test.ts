// A class of 6,010 learners (more than the 5,000 the roster once stopped at, the last ten
// sorting after all the others) and more classes than the class list once held (500 to
// come, 200 past): every learner is reachable page by page and by a search on the server,
// the counts are the class's real counts, the paper fallbacks hold everyone, and the class
// list says how many classes there are. Real SQLite file; the rows are bulk-inserted; the
// clock is mocked (fakeClock), so "today" is a known day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, validCourse, type OpenedTestEngine } from './helpers'
import { bulkClasses, bulkRegister, bulkUsers } from './bulk'

const CROWD = 6_000
const LATE = ['Zuzanna Żurawska', 'Zoltán Zsoldos', 'Zeno Zito', 'Zhou Zhen', 'Zola Zulu', 'Zara Zubair', 'Zygmunt Żak', 'Zofia Zawada', 'Zbigniew Zieliński', 'Zed Zylstra']
const LEARNERS = CROWD + LATE.length
const STATUSES = ['Registered', 'Attended', 'No Show', 'Cancelled']

let t: OpenedTestEngine
let courseId: number
let classId: number
let registrations: number[]

type Learner = { enrollmentId: number; name: string; email: string; status: string }
type Roster = { learners: Learner[]; recordsTotal: number; recordsFiltered: number; totals: Record<string, number>; class: { learners: number; marked: number } }

beforeAll(async () => {
  t = await openTestEngine()
  courseId = t.call('courses.create', validCourse({ name: 'Mass Evacuation Drill', slug: 'mass-evacuation-drill' })).id
  ;[classId] = bulkClasses(t.engine, courseId, 1, () => new Date('2024-05-01T08:00:00.000Z'))
  const crowd = bulkUsers(t.engine, CROWD, 'crowd')
  const raw = t.engine.sql.raw
  const insert = raw.prepare("INSERT INTO users (first_name, last_name, email, email_key, user_type, disabled, custom_user_metas, created_at, updated_at) VALUES (?, ?, ?, ?, 'general', 0, '[]', ?, ?)")
  const late = LATE.map((name, i) => {
    const [first, last] = name.split(' ')
    return Number(insert.run(first, last, `late.${i}@example.org`, `late.${i}@example.org`, '2024-01-01', '2024-01-01').lastInsertRowid)
  })
  registrations = bulkRegister(t.engine, classId, [...crowd, ...late], (i) => STATUSES[i % 4])
}, 60_000)
afterAll(() => t.dispose())

const roster = (input: Record<string, unknown> = {}) => t.call('attendance.roster', { classId, ...input })

describe('a class of 6,010 learners', () => {
  it('answers the first page with the real counts of the whole class', () => {
    const first = roster()
    expect(first.recordsTotal).toBe(LEARNERS)
    expect(first.recordsFiltered).toBe(LEARNERS)
    expect(first.learners).toHaveLength(200)
    expect(first.learners[0].name).toBe('Learner crowd 00000')
    // The i-th learner has STATUSES[i % 4].
    const perStatus = (s: string) => Math.ceil((LEARNERS - STATUSES.indexOf(s)) / 4)
    expect(first.totals).toEqual({ totalRegistered: perStatus('Registered'), totalAttended: perStatus('Attended'), totalNoShow: perStatus('No Show'), totalCancelled: perStatus('Cancelled') })
    expect(first.class.learners).toBe(LEARNERS)
  })

  it('reaches every learner page by page, in roster order, the last ten on the last page', () => {
    const seen: Learner[] = []
    const pages = Math.ceil(LEARNERS / 500)
    for (let page = 1; page <= pages; page++) seen.push(...roster({ page_size: 500, page_number: page }).learners)
    expect(seen).toHaveLength(LEARNERS)
    expect(new Set(seen.map((l) => l.enrollmentId))).toEqual(new Set(registrations))
    const lastNames = [...LATE].map((n) => n.split(' ')[1])
    expect(seen.slice(-10).map((l) => l.name.split(' ')[1])).toEqual(lastNames.sort(new Intl.Collator('en', { sensitivity: 'base' }).compare))
    expect(roster({ page_size: 500, page_number: pages + 1 }).learners).toEqual([])
  })

  it('searches the whole class on the server by name or email, with the count of matches', () => {
    const late = roster({ search: 'Żak' })
    expect(late.recordsFiltered).toBe(1)
    expect(late.learners.map((l) => l.name)).toEqual(['Zygmunt Żak'])
    expect(late.recordsTotal).toBe(LEARNERS)
    const crowd = roster({ search: 'crowd.59', page_size: 50 })
    // crowd.59, crowd.590-599, crowd.5900-5999
    expect(crowd.recordsFiltered).toBe(1 + 10 + 100)
    expect(crowd.learners).toHaveLength(50)
    expect(roster({ search: 'crowd.59', page_size: 50, page_number: 3 }).learners).toHaveLength(11)
    expect(roster({ search: 'nobody here' })).toMatchObject({ recordsFiltered: 0, learners: [] })
  })

  it('marks every unmarked learner, and the counts follow', () => {
    const unmarked = roster().totals.totalRegistered
    expect(t.call('attendance.markUnmarked', { classId }).marked).toBe(unmarked)
    const after = roster({ search: 'Zubair' })
    expect(after.totals.totalRegistered).toBe(0)
    expect(after.learners[0].status).not.toBe('Registered')
  })

  it('exports every learner to the CSV', () => {
    const { csv } = t.call('attendance.exportCsv', { classId })
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n')
    expect(lines).toHaveLength(LEARNERS + 1)
    expect(lines.at(-1)).toContain('Zylstra')
  })

  it('refuses a page size over 1,000 with a 422', () => {
    expect(t.fails('attendance.roster', { classId, page_size: 1001 }).status).toBe(422)
  })
})

describe('more classes than the class list shows at first', () => {
  it('answers the first of each kind as asked and counts them all', () => {
    const other = t.call('courses.create', validCourse({ name: 'Forklift Refresher', slug: 'forklift-refresher' })).id
    // The clock says 2024-05-01 10:00 UTC: 620 classes to come, 230 past.
    const upcoming = bulkClasses(t.engine, other, 620, (i) => new Date(Date.UTC(2024, 5, 1) + i * 3_600_000))
    const past = bulkClasses(t.engine, other, 230, (i) => new Date(Date.UTC(2024, 3, 29) - i * 3_600_000))
    const first = t.call('attendance.classes', { courseId: other })
    expect(first.counts).toEqual({ current: 620, past: 230 })
    expect(first.classes.filter((c) => c.when !== 'past').map((c) => c.id)).toEqual(upcoming.slice(0, 100))
    expect(first.classes.filter((c) => c.when === 'past').map((c) => c.id)).toEqual(past.slice(0, 50))
    const all = t.call('attendance.classes', { courseId: other, currentLimit: 620, pastLimit: 230 })
    expect(all.classes.filter((c) => c.when !== 'past').map((c) => c.id)).toEqual(upcoming)
    expect(all.classes.filter((c) => c.when === 'past').map((c) => c.id)).toEqual(past)
    // The mass drill's class runs today; by location too.
    expect(t.call('attendance.classes', { courseId, includePast: false }).counts).toEqual({ current: 1, past: 0 })
  })
})
