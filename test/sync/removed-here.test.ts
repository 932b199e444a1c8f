// An enrollment removed on this laptop, its removal not yet sent: the pull that runs before
// the push (every sync pulls first) still finds the learner in the course's report on the
// hosted LMS. It must not enroll them here again: once the push removed them there, the
// laptop would keep an enrollment the hosted LMS no longer has, with nothing queued to
// mend it (the randomized push-and-pull run's seeds 1 and 15 ended so, whenever the last
// local removal was still unsent when the runs settled). Against the strict stand-in; the
// second case's fetch wrapper only holds a course report's answer until a local removal is
// made, as a removal made while the pull waits for the network would be (network timing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from '../http/server'
import { createOnServer, expectQueueEmpty, newCourse, openLaptop, serverEnrollments, startHosted, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
const laptops: Laptop[] = []
beforeAll(async () => {
  hosted = await startHosted({ demo: false })
})
afterAll(async () => {
  for (const l of laptops) l.dispose()
  await hosted?.stop()
})

const auth = { Authorization: `Bearer ${TOKEN}` }

/** A learner enrolled in a course on the hosted LMS by someone else; the ids on the server. */
async function enrolledOnServer(): Promise<{ course: number; user: number; email: string }> {
  const token = uniqueToken('rh')
  const email = `${token}@removed.test`
  const user = await createOnServer(hosted, { firstName: 'Removed', lastName: 'Here', email })
  const created = await request(hosted.server, 'POST', '/api/course', { headers: auth, body: newCourse(`Course ${token}`, `course-${token}`) })
  expect(created.status).toBe(200)
  const course = (created.json as { id: number }).id
  expect((await request(hosted.server, 'POST', `/api/course/enroll/${course}`, { headers: auth, body: { studentIds: [user] } })).status).toBe(200)
  return { course, user, email }
}

async function laptop(fetchImpl?: typeof fetch): Promise<Laptop> {
  const opened = await openLaptop({ pull: true, timeoutMs: 5_000, fetchImpl })
  laptops.push(opened)
  opened.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
  return opened
}

/** The laptop's enrollments of the course mapped to this server course. */
function localEnrollments(lap: Laptop, serverCourse: number): { id: number; course_id: number; email: string }[] {
  return lap.engine.sql.raw
    .prepare(
      "SELECT e.id, e.course_id, u.email FROM enrollments e JOIN users u ON u.id = e.user_id JOIN id_map m ON m.entity = 'course' AND m.local_id = e.course_id WHERE m.server_id = ?",
    )
    .all(serverCourse) as { id: number; course_id: number; email: string }[]
}

describe('an enrollment removed here, its removal unsent', () => {
  it('is not pulled back by the pull that runs before its removal is sent', async () => {
    const { course, email } = await enrolledOnServer()
    const lap = await laptop()
    expect((await lap.syncNow()).stoppedBecause).toBeNull()
    const [enrollment] = localEnrollments(lap, course)
    expect(enrollment.email).toBe(email)

    lap.call('courses.remove', { id: enrollment.course_id, enrollmentIds: [enrollment.id] })
    const summary = await lap.syncNow()
    expect(summary).toMatchObject({ pushed: 1, stoppedBecause: null })
    expect(await serverEnrollments(hosted, course)).toEqual([])
    expect(localEnrollments(lap, course)).toEqual([])
    expectQueueEmpty(lap)
    // And it stays so.
    await lap.syncNow()
    expect(localEnrollments(lap, course)).toEqual([])
  })

  it('is not enrolled again by a course report read while the removal was made', async () => {
    const { course, email } = await enrolledOnServer()
    let removeWhileReading: (() => void) | null = null
    const holdReport: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init)
      // The report's answer is in; the pull has not merged it yet when the user removes the learner.
      if (removeWhileReading && String(input).includes('/api/course/reports/course-detailed') && !String(input).includes('search_param')) {
        removeWhileReading()
        removeWhileReading = null
      }
      return answer
    }
    const lap = await laptop(holdReport)
    expect((await lap.syncNow()).stoppedBecause).toBeNull()
    const [enrollment] = localEnrollments(lap, course)
    expect(enrollment.email).toBe(email)

    removeWhileReading = () => lap.call('courses.remove', { id: enrollment.course_id, enrollmentIds: [enrollment.id] })
    const summary = await lap.syncNow()
    expect(removeWhileReading).toBeNull()
    expect(summary).toMatchObject({ pushed: 1, stoppedBecause: null })
    expect(await serverEnrollments(hosted, course)).toEqual([])
    expect(localEnrollments(lap, course)).toEqual([])
    expectQueueEmpty(lap)
  })
})
