// Pull of what grading offline needs beyond users and courses: library modules and their
// placement in courses, learners' submissions and grades, and enrollments removed on the
// server. The laptop starts empty and learns everything from the strict stand-in hosted
// LMS (`serve --demo --hosted` over HTTP on 127.0.0.1, through the fault proxy). The test
// reads the stand-in through its documented routes too. Nothing is mocked.
import { describe, expect, it } from 'vitest'
import { clientOf } from '../engine/helpers'
import { useDemoPair } from './demo-pair'

const pair = useDemoPair()
const { server, syncNow } = pair

type ServerSubmission = { status_row_id: number; module_id: number; email: string; status: string }

/**
 * The stand-in's status rows with work, with their status. The documented list
 * (course/all-submissions) has no status and documents no status filter: each row's
 * status is read from module/assignment/submissions.
 */
async function serverQueue(filters: { status: 'ungraded' | 'rejected' }): Promise<ServerSubmission[]> {
  const res = await server('GET', `/api/course/all-submissions?page_size=1000&page_number=1`)
  expect(res.status).toBe(200)
  const rows: ServerSubmission[] = []
  for (const r of res.json.records as ServerSubmission[]) {
    const detail = (await server('GET', `/api/module/assignment/submissions?statusRowId=${r.status_row_id}`)).json as { status: string }
    rows.push({ ...r, status: detail.status })
  }
  return rows.filter((r) => r.status === (filters.status === 'ungraded' ? 'Submitted' : 'Rejected'))
}

const localRowOf = (serverRowId: number) =>
  pair.localOf<{ id: number; status: string; points_awarded: number | null }>('module_status', 'module_status', serverRowId)

describe('pull of learning data', () => {
  it('brings library modules and course placements, and a module added to a course on the server later', async () => {
    await pair.openLaptop()
    expect((await syncNow()).stoppedBecause).toBeNull()
    const serverCourse = (await server('GET', '/api/course/1')).json as { modules: { module_id: number; name: string }[] }
    const localCourse = pair.localOf<{ id: number }>('course', 'courses', 1)!
    const localDetail = clientOf(pair.laptop).call('courses.get', { id: localCourse.id })
    expect(localDetail.modules.map((m) => m.name)).toEqual(serverCourse.modules.map((m) => m.name))

    const created = await server('POST', '/api/modules/assignment', {
      name: 'Field report from the site',
      content: 'Describe what you saw on site.',
      submission_type: 'text',
      totalPoints: 20,
      allowed_filetypes: [],
    })
    expect(created.status).toBe(200)
    const newId = created.json.id as number
    const detail = (await server('GET', '/api/course/1')).json
    expect((await server('PUT', '/api/course/1', { ...detail, modules: [...detail.modules, { module_id: newId }] })).status).toBe(200)

    await syncNow()
    const module = pair.localOf<{ id: number; name: string; content: string; total_points: number }>('module', 'modules', newId)
    expect(module).toMatchObject({ name: 'Field report from the site', content: 'Describe what you saw on site.', total_points: 20 })
    const after = clientOf(pair.laptop).call('courses.get', { id: localCourse.id })
    expect(after.modules.at(-1)).toMatchObject({ module_id: module!.id, name: 'Field report from the site' })
    expect(clientOf(pair.laptop).call('sync.status', {})).toMatchObject({ pending: 0, parked: 0, conflicts: 0 })
  })

  it('brings submissions and grades made on the server, and never overwrites a grade given here and not yet sent', async () => {
    await pair.openLaptop()
    await syncNow()
    const ungraded = await serverQueue({ status: 'ungraded' })
    expect(ungraded.length).toBeGreaterThanOrEqual(2)
    const [gradedThere, gradedBoth] = ungraded

    // Every ungraded row on the server is in the laptop's queue after the first pull.
    const localQueue = clientOf(pair.laptop).call('courses.allSubmissions', { page_size: 200, page_number: 1, search_param: JSON.stringify({ status: 'ungraded' }) })
    expect(localQueue.recordsFiltered).toBe(ungraded.length)

    // The server grades one row; this laptop grades another, which the server also grades.
    const evaluate = (statusRowId: number, points: number, message: string) => ({ statusRowId, evaluation: { pointsAwarded: points, instructorMessage: message, isAccepted: true } })
    expect((await server('POST', '/api/module/assignment/evaluate', evaluate(gradedThere.status_row_id, 9, 'Graded on the web'))).status).toBe(200)
    const mineRow = localRowOf(gradedBoth.status_row_id)!
    clientOf(pair.laptop).call('assignments.evaluate', evaluate(mineRow.id, 8, 'Graded on the laptop'))
    expect((await server('POST', '/api/module/assignment/evaluate', evaluate(gradedBoth.status_row_id, 3, 'Graded on the web too'))).status).toBe(200)

    const summary = await syncNow()
    expect(localRowOf(gradedThere.status_row_id)).toMatchObject({ status: 'Completed', points_awarded: 9 })
    const history = clientOf(pair.laptop).call('assignments.submissions', { statusRowId: localRowOf(gradedThere.status_row_id)!.id })
    expect(history.evaluations.map((e) => e.instructor_message)).toContain('Graded on the web')
    // Ours is kept and held as a conflict, never replaced by the pull.
    expect(localRowOf(gradedBoth.status_row_id)).toMatchObject({ points_awarded: 8 })
    expect(summary.conflicts).toBe(1)

    // A learner resubmits on the server: the new submission arrives and the row is ungraded again here.
    // (The first rejected row whose assignment takes text; file assignments refuse text.)
    let rejected: ServerSubmission | undefined
    for (const row of await serverQueue({ status: 'rejected' })) {
      const res = await server('POST', '/api/module/assignment/submit', { statusRowId: row.status_row_id, submission: 'Second attempt, with the missing section.' })
      if (res.status === 200) {
        rejected = row
        break
      }
    }
    if (!rejected) throw new Error('The demo world has no rejected text submission')
    await syncNow()
    expect(localRowOf(rejected.status_row_id)).toMatchObject({ status: 'Submitted' })
    const resubmitted = clientOf(pair.laptop).call('assignments.submissions', { statusRowId: localRowOf(rejected.status_row_id)!.id })
    expect(resubmitted.submissions.map((s) => s.student_message)).toContain('Second attempt, with the missing section.')
    // Submissions sent from the server are not duplicated by a further pull.
    const count = resubmitted.submissions.length
    await syncNow()
    expect(clientOf(pair.laptop).call('assignments.submissions', { statusRowId: localRowOf(rejected.status_row_id)!.id }).submissions).toHaveLength(count)
  })

  it('removes an enrollment the server removed, tells the user, and keeps the ones still there', async () => {
    await pair.openLaptop({ pullPageSize: 3 })
    await syncNow()
    const students = (await server('GET', '/api/course/enrolled-students?course_id=1&group_id=1&page_size=100&page_number=1')).json.records as { id: number; user_id: number }[]
    expect(students.length).toBeGreaterThan(3)
    const gone = students[1]
    expect((await server('POST', '/api/course/remove/1', { enrollmentIds: [gone.id] })).status).toBe(200)
    // The pull learns enrollments from the course's report, by learner: found here by user and course.
    const localEnrollment = (serverUser: number) =>
      pair.laptop.sql.raw
        .prepare(
          "SELECT e.id FROM enrollments e JOIN id_map mu ON mu.entity = 'user' AND mu.local_id = e.user_id JOIN id_map mc ON mc.entity = 'course' AND mc.local_id = e.course_id WHERE mu.server_id = ? AND mc.server_id = 1",
        )
        .get(serverUser)
    expect(localEnrollment(gone.user_id)).toBeDefined()

    const summary = await syncNow()
    expect(summary.stoppedBecause).toBeNull()
    expect(localEnrollment(gone.user_id)).toBeUndefined()
    for (const s of students.filter((s) => s.id !== gone.id)) expect(localEnrollment(s.user_id), `enrollment ${s.id}`).toBeDefined()
    const notices = clientOf(pair.laptop).call('sync.status', {}).notices
    expect(notices.some((n) => n.kind === 'deleted_on_server' && /was removed from "course 1" on the hosted LMS/.test(n.message))).toBe(true)
  })
})

describe('pull of classes', () => {
  it('brings classes with their locations, instructors and rosters; a mark made here and not yet sent is kept', async () => {
    await pair.openLaptop()
    expect((await syncNow()).stoppedBecause).toBeNull()
    // The reference documents no element of class/enrolled-students: the roster is read learner by learner.
    const serverRoster = async (classId: number) => {
      const roster: { id: number; email: string; status: string }[] = []
      for (const u of (await server('GET', '/api/users/lookup')).json as { id: number; email: string }[]) {
        const classes = (await server('GET', `/api/users/enrolled-classes?user_id=${u.id}&page_size=100&page_number=1`)).json.records as { id: number; classId: number; status: string }[]
        for (const c of classes.filter((x) => x.classId === classId)) roster.push({ id: c.id, email: u.email, status: c.status })
      }
      return roster
    }
    const roster = await serverRoster(1)
    expect(roster.length).toBeGreaterThanOrEqual(40)

    const localClass = pair.localOf<{ id: number; location_id: number; instructor_id: number }>('class', 'classes', 1)!
    expect(localClass).toBeDefined()
    const local = clientOf(pair.laptop).call('classes.enrolledStudents', { class_id: localClass.id, page_size: 200, page_number: 1 })
    expect(local.records.map((r) => `${r.email} ${r.status}`).sort()).toEqual(roster.map((r) => `${r.email} ${r.status}`).sort())
    const schedule = ((await server('GET', '/api/class/get-class-schedules?courseId=' + (await server('GET', '/api/class/edit?classId=1')).json.classDetails.courseId)).json.classes as { id: number; location: string; instructor: string }[]).find((c) => c.id === 1)!
    const names = pair.laptop.sql.raw
      .prepare('SELECT l.name AS location, i.name AS instructor FROM classes c LEFT JOIN locations l ON l.id = c.location_id LEFT JOIN instructors i ON i.id = c.instructor_id WHERE c.id = ?')
      .get(localClass.id)
    expect(names).toEqual({ location: schedule.location, instructor: schedule.instructor })

    // The server marks two learners; this laptop marks the second one too, before syncing.
    const [first, second] = roster
    // (The documented route is a GET.)
    const mark = (id: number, status: string) => server('GET', `/api/class/update-class-status?id=${id}&status=${encodeURIComponent(status)}&classId=1`)
    expect((await mark(first.id, 'Attended')).status).toBe(200)
    expect((await mark(second.id, 'No Show')).status).toBe(200)
    const mine = pair.localOf<{ id: number }>('class_enrollment', 'class_enrollments', second.id)!
    clientOf(pair.laptop).call('classes.updateStatus', { id: mine.id, status: 'Attended', classId: localClass.id })

    await syncNow()
    expect(pair.localOf('class_enrollment', 'class_enrollments', first.id)).toMatchObject({ status: 'Attended' })
    // Last writer wins: the laptop's mark was made after the server's, and is what both hold now.
    expect(pair.localOf('class_enrollment', 'class_enrollments', second.id)).toMatchObject({ status: 'Attended' })
    expect((await serverRoster(1)).find((r) => r.id === second.id)?.status).toBe('Attended')
    expect(clientOf(pair.laptop).call('sync.status', {})).toMatchObject({ pending: 0, parked: 0 })
  })

  it('asks the learners of a class whose counts changed, and the others in turn, so a swap of two marks is learnt too', async () => {
    const TURN = 5
    await pair.openLaptop({ rosterTurn: TURN })
    expect((await syncNow()).stoppedBecause).toBeNull()
    const LEARNER_READS = /^\/api\/users\/enrolled-classes\?/
    const reads = () => pair.proxy.upstreamCount('GET', LEARNER_READS)
    const local = (id: number) => pair.localOf<{ status: string }>('class_enrollment', 'class_enrollments', id)?.status
    const lookup = (await server('GET', '/api/users/lookup')).json as { id: number }[]
    const roster: { id: number; status: string }[] = []
    for (const u of lookup) {
      const records = (await server('GET', `/api/users/enrolled-classes?user_id=${u.id}&page_size=100&page_number=1`)).json.records as { id: number; classId: number; status: string }[]
      roster.push(...records.filter((r) => r.classId === 1))
    }
    const asked = pair.laptop.sql.raw.prepare("SELECT count(DISTINCT e.user_id) AS n FROM enrollments e JOIN classes c ON c.course_id = e.course_id JOIN id_map m ON m.entity = 'class' AND m.local_id = c.id").get() as { n: number }
    expect(asked.n).toBeGreaterThan(TURN * 2)

    // Nothing changed: only the turn's learners are asked.
    let before = reads()
    await syncNow()
    expect(reads() - before).toBe(TURN)

    // A mark on the hosted LMS changes its class's counts: every learner who can be in that class is asked at once.
    const mark = (id: number, status: string) => server('GET', `/api/class/update-class-status?id=${id}&status=${encodeURIComponent(status)}&classId=1`)
    const [a, b] = roster
    expect((await mark(a.id, 'Attended')).status).toBe(200)
    before = reads()
    await syncNow()
    expect(reads() - before).toBeGreaterThan(TURN)
    expect(local(a.id)).toBe('Attended')

    // Two marks swapped keep every count: the turn reaches them within learners / TURN runs.
    expect((await mark(a.id, b.status)).status).toBe(200)
    expect((await mark(b.id, 'Attended')).status).toBe(200)
    for (let run = 0; run <= Math.ceil(asked.n / TURN) && (local(a.id) !== b.status || local(b.id) !== 'Attended'); run++) await syncNow()
    expect([local(a.id), local(b.id)]).toEqual([b.status, 'Attended'])
  })

  it('marks sent from here move their class counts by themselves: the next run asks only the turn, and a change there is still seen', async () => {
    const TURN = 5
    await pair.openLaptop({ rosterTurn: TURN })
    expect((await syncNow()).stoppedBecause).toBeNull()
    const LEARNER_READS = /^\/api\/users\/enrolled-classes\?/
    const reads = () => pair.proxy.upstreamCount('GET', LEARNER_READS)
    const regs = pair.laptop.sql.raw
      .prepare("SELECT ce.id, ce.class_id, ce.status, m.server_id FROM class_enrollments ce JOIN id_map m ON m.entity = 'class_enrollment' AND m.local_id = ce.id JOIN id_map mc ON mc.entity = 'class' AND mc.local_id = ce.class_id AND mc.server_id = 1 ORDER BY ce.id")
      .all() as { id: number; class_id: number; status: string; server_id: number }[]
    expect(regs.length).toBeGreaterThan(2)
    const next = (status: string) => (status === 'No Show' ? 'Attended' : 'No Show')
    for (const r of regs.slice(0, 3)) clientOf(pair.laptop).call('classes.updateStatus', { id: r.id, status: next(r.status), classId: r.class_id })
    // Pulled (nothing changed there), then pushed.
    expect((await syncNow()).stoppedBecause).toBeNull()
    expect(clientOf(pair.laptop).call('sync.status', {})).toMatchObject({ pending: 0, sending: 0, parked: 0 })
    const serverStatus = async (userId: number, registration: number) =>
      ((await server('GET', `/api/users/enrolled-classes?user_id=${userId}&page_size=100&page_number=1`)).json.records as { id: number; status: string }[]).find((x) => x.id === registration)?.status
    const userOf = (localRegistration: number) =>
      (pair.laptop.sql.raw.prepare("SELECT m.server_id AS id FROM class_enrollments ce JOIN id_map m ON m.entity = 'user' AND m.local_id = ce.user_id WHERE ce.id = ?").get(localRegistration) as { id: number }).id
    expect(await serverStatus(userOf(regs[0].id), regs[0].server_id)).toBe(next(regs[0].status))

    // The hosted LMS holds what this laptop sent: only the turn's learners are asked.
    let before = reads()
    await syncNow()
    expect(reads() - before).toBe(TURN)

    // A mark made there afterwards still changes the counts: every learner of the class is asked.
    expect((await server('GET', `/api/class/update-class-status?id=${regs[0].server_id}&status=Cancelled&classId=1`)).status).toBe(200)
    before = reads()
    await syncNow()
    expect(reads() - before).toBeGreaterThan(TURN)
    expect(pair.localOf<{ status: string }>('class_enrollment', 'class_enrollments', regs[0].server_id)?.status).toBe('Cancelled')
  })

  it('removes a class the server deleted and tells the user', async () => {
    await pair.openLaptop()
    await syncNow()
    const created = await server('POST', '/api/class/create', {
      courseId: 1,
      type: 'onetime',
      starttime: '2031-03-04 09:00:00',
      endTime: '2031-03-04 11:00:00',
      instructor: 2,
      location: 2,
      allowDownload: false,
      disabled: false,
    })
    expect(created.status).toBe(200)
    await syncNow()
    expect(pair.localOf('class', 'classes', created.json.id)).toBeDefined()
    expect((await server('POST', '/api/class/delete', { classId: created.json.id })).status).toBe(200)
    await syncNow()
    expect(pair.localOf('class', 'classes', created.json.id)).toBeUndefined()
    const notices = clientOf(pair.laptop).call('sync.status', {}).notices
    expect(notices.some((n) => n.kind === 'deleted_on_server' && /class of "course 1"/.test(n.message))).toBe(true)
  })
})

describe('pull of certificate templates and categories', () => {
  it('brings every template in full and every category of the listed types, and later edits on the server', async () => {
    await pair.openLaptop()
    expect((await syncNow()).stoppedBecause).toBeNull()
    const serverTemplates = (await server('GET', '/api/certificate_templates/tabularlist?page_size=100&page_number=1')).json.records as { id: number; name: string }[]
    expect(serverTemplates.length).toBeGreaterThan(0)
    for (const t of serverTemplates) {
      const full = (await server('GET', `/api/certificate_template/${t.id}`)).json
      const local = pair.localOf<{ name: string; width: number; height: number; fields: string }>('certificate_template', 'certificate_templates', t.id)
      expect(local, t.name).toMatchObject({ name: full.name, width: full.width, height: full.height })
      expect(JSON.parse(local!.fields)).toEqual(full.fields)
    }
    for (const type of ['course', 'module', 'product', 'question']) {
      const listed = (await server('GET', `/api/${type}category/tabularlist?page_size=100&page_number=1`)).json.records as { id: number; name: string }[]
      const here = pair.laptop.sql.raw.prepare('SELECT name FROM categories WHERE type = ? ORDER BY name').all(type) as { name: string }[]
      expect(here.map((c) => c.name), type).toEqual(listed.map((c) => c.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    }

    const template = (await server('GET', `/api/certificate_template/${serverTemplates[0].id}`)).json
    const moved = template.fields.map((f: { top: number }, i: number) => (i === 0 ? { ...f, top: f.top + 10 } : f))
    expect((await server('PUT', `/api/certificate_template/${serverTemplates[0].id}`, { ...template, name: `${template.name} (2027)`, fields: moved })).status).toBe(200)
    expect((await server('POST', '/api/category/create', { category_name: 'Fire wardens', categoryType: 'course' })).status).toBe(200)
    const versionBefore = pair.localOf<{ version: number }>('certificate_template', 'certificate_templates', serverTemplates[0].id)!.version

    await syncNow()
    const local = pair.localOf<{ name: string; fields: string; version: number }>('certificate_template', 'certificate_templates', serverTemplates[0].id)!
    expect(local.name).toBe(`${template.name} (2027)`)
    expect(JSON.parse(local.fields)).toEqual(moved)
    expect(local.version).toBeGreaterThan(versionBefore)
    expect(pair.laptop.sql.raw.prepare("SELECT count(*) AS n FROM categories WHERE type = 'course' AND name = 'Fire wardens'").get()).toEqual({ n: 1 })
    expect(clientOf(pair.laptop).call('sync.status', {})).toMatchObject({ pending: 0, parked: 0, conflicts: 0 })
  })
})
