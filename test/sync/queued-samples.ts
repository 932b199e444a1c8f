// Change records of every kind the push can send, made by the real engine: the documented
// example of each write route replayed against a demo world (its emails made plausible),
// plus the writes whose example cannot run as documented. Used to hold every queued
// operation's request to the reference (documented-requests.test.ts).
import fs from 'node:fs'
import path from 'node:path'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import { operations, type OpName } from '../../src/shared/operations/index'
import type { Operation } from '../../src/shared/contract/operation'
import type { Result } from '../../src/shared/contract/result'
import { clientOf, removeDir, tempDir } from '../engine/helpers'
import { repoRoot } from '../http/server'

interface Endpoint {
  method: string
  path: string
  example?: { url: string; query?: Record<string, string> | null; body?: unknown } | null
}

export interface QueuedSample {
  operation: string
  entity: string
  local_id: number | null
  input: Record<string, unknown>
}

let n = 0
function plausible(value: unknown): unknown {
  if (typeof value === 'string') return /\[email[\s\u00a0]+protected\]/.test(value) ? `sample.${++n}@example.org` : value
  if (Array.isArray(value)) return value.map(plausible)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plausible(v)]))
  return value
}

/** The input an example request carries: its query, body and path parameters (a placeholder left in the URL reads as 1). */
function exampleInput(op: Operation, e: Endpoint): Record<string, unknown> {
  const url = new URL(e.example!.url)
  const input: Record<string, unknown> = {}
  for (const key of new Set(url.searchParams.keys())) input[key.replace(/\[\]$/, '')] = key.endsWith('[]') ? url.searchParams.getAll(key) : url.searchParams.get(key)
  const body = plausible(e.example!.body)
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(input, body)
  const routeParts = (op.route ?? '').split('/')
  const urlParts = url.pathname.replace(/^\//, '').split('/')
  routeParts.forEach((part, i) => {
    const m = /^\{(\w+)\}$/.exec(part)
    if (m) input[m[1]] = /^(%7B|\{)/.test(urlParts[i]) ? '1' : decodeURIComponent(urlParts[i])
  })
  return input
}

const valueOf = <T>(answer: Result<unknown>) => (answer.ok ? answer.value : undefined) as T
const id = (answer: Result<unknown>) => valueOf<{ id: number }>(answer).id

/** Writes for operations whose documented example cannot run on the demo world as written (names the ids it uses). */
const EXTRA: Record<string, (e: Engine) => unknown> = {
  'users.delete': (e) => {
    const user = id(clientOf(e).result('users.create', { firstName: 'Gone', lastName: 'Soon', email: 'gone.soon@example.org', password: 'gone soon password', password_confirmation: 'gone soon password' }))
    // As if the create had reached the hosted LMS: a create never sent and its delete would queue nothing (unsent.ts).
    e.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1 WHERE operation = 'users.create' AND local_id = ?").run(user)
    return clientOf(e).result('users.delete', { delete_ids: [user] })
  },
  'users.quickEdit': (e) => clientOf(e).result('users.quickEdit', { user_ids: [5], disabled: true }),
  'courses.delete': (e) => {
    const course = id(clientOf(e).result('courses.create', { name: 'Gone course', slug: 'gone-course', status: 'draft', gradingRule: 'no_grading', durationRule: 'unlimited' }))
    return clientOf(e).result('courses.delete', { delete_ids: [course] })
  },
  'courses.progressUpdate': (e) => clientOf(e).result('courses.progressUpdate', { id: 1, userId: 4, modules: [{ module_id: 1, status: 'Completed' }] }),
  'assignments.update': (e) => clientOf(e).result('assignments.update', { id: 2, name: 'assignment 1', content: 'Updated', submission_type: 'text', totalPoints: 100 }),
  'discussions.update': (e) => clientOf(e).result('discussions.update', { id: 13, name: 'First-discussion', content: 'Updated', should_be_evaluated: true, totalPoints: 20, minComments: 2 }),
  'userCertificates.updateIssueDate': (e) => {
    const certificate = e.sql.raw.prepare('SELECT id FROM user_certificates ORDER BY id DESC LIMIT 1').get() as { id: number }
    return clientOf(e).result('userCertificates.updateIssueDate', { rowId: certificate.id, newIssueDate: '2020-08-04 00:00:00' })
  },
  'courses.assignCertificate': (e) => clientOf(e).result('courses.assignCertificate', { id: 1, enrollmentIds: [6] }),
  'badges.update': (e) => clientOf(e).result('badges.update', { id: 1, title: 'Renamed', badgeIconUrl: '/images/badges/Badge_1.png', points: 5 }),
  'badges.delete': (e) => {
    const badge = id(clientOf(e).result('badges.create', { title: 'Short lived', badgeIconUrl: '/images/badges/Badge_2.png' }))
    return clientOf(e).result('badges.delete', { id: [badge] })
  },
  'coupons.create': (e) => clientOf(e).result('coupons.create', { code: 'SAMPLE10', type: 'percent_amount', value: 10 }),
  'coupons.update': (e) => clientOf(e).result('coupons.update', { id: 1, code: 'code75', type: 'percent_amount', value: 70 }),
  'courses.quickEdit': (e) => {
    const category = (e.sql.raw.prepare("SELECT id FROM categories WHERE type = 'course' ORDER BY id LIMIT 1").get() as { id: number }).id
    return clientOf(e).result('courses.quickEdit', { course_ids: [1, 2], author_id: 2, categories_id: [category] })
  },
  'courses.setExpiry': (e) => clientOf(e).result('courses.setExpiry', { id: 1, enrollmentIds: [6], expiryDate: '2031-01-01' }),
  'classes.create': (e) => clientOf(e).result('classes.create', { courseId: 1, type: 'onetime', starttime: '2031-03-04 09:00:00', endTime: '2031-03-04 11:00:00', instructor: 2, location: 2, allowDownload: false, disabled: false }),
  'classes.assignCertificate': (e) => {
    const roster = valueOf<{ records: { id: number }[] }>(clientOf(e).result('classes.enrolledStudents', { class_id: 1, page_size: 5, page_number: 1 }))
    return clientOf(e).result('classes.assignCertificate', { id: 1, enrollmentIds: [roster.records[0].id] })
  },
  'users.updateClassStatus': (e) => {
    const roster = valueOf<{ records: { id: number }[] }>(clientOf(e).result('classes.enrolledStudents', { class_id: 1, page_size: 5, page_number: 1 }))
    return clientOf(e).result('users.updateClassStatus', { id: roster.records[1].id, status: 'No Show', classId: 1 })
  },
}

export async function queuedSamples(): Promise<{ samples: QueuedSample[]; uncovered: string[] }> {
  const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as { endpoints: Endpoint[] }).endpoints
  const dir = tempDir('lms-samples-')
  const engine = await openLmsEngine({ dataDir: dir, demo: true, log: () => undefined, sync: { intervalMs: 0 } })
  engine.sync.stop()
  try {
    const synced = (operations as readonly Operation[]).filter((op) => op.kind === 'write' && op.sync)
    for (const op of synced) {
      const e = endpoints.find((x) => `${x.method} ${x.path}` === `${op.method} ${op.route}`)
      if (e?.example) clientOf(engine).raw(op.name as OpName, exampleInput(op, e))
      const extra = EXTRA[op.name]?.(engine) as { ok: boolean; error?: { message: string } } | undefined
      if (extra && !extra.ok) throw new Error(`${op.name}: ${extra.error?.message}`)
    }
    const rows = engine.sql.raw.prepare("SELECT operation, entity, local_id, input FROM change_records WHERE state = 'pending' ORDER BY id").all() as (QueuedSample & { input: string })[]
    const samples = rows.map((r) => ({ ...r, input: JSON.parse(r.input) as Record<string, unknown> }))
    const seen = new Set(samples.map((s) => s.operation))
    return { samples, uncovered: synced.map((op) => op.name).filter((name) => !seen.has(name)) }
  } finally {
    engine.close()
    removeDir(dir)
  }
}
