// The documented example answer of every route, read from the reference as data
// (../shared/api/endpoints.json, or LMS_API_ENDPOINTS): the strict stand-in answers with
// exactly these keys. Where the reference's example is not valid JSON, the shape its text
// describes is written out here (the conformance test checks against the same shapes).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

interface Endpoint {
  method: string
  path: string
  example?: { response?: unknown; response_raw?: string | null } | null
}

/** Examples that are not valid JSON, as the shape their text describes; `pdf`: a PDF file answers. */
export const PROSE_SHAPES: Record<string, { why: string; shape: unknown } | { why: string; pdf: true }> = {
  'GET api/class/tabularlist': {
    why: 'the example response misses the "]" closing records; the shape is its text with it',
    shape: {
      recordsTotal: 0,
      recordsFiltered: 0,
      records: [{ id: 0, course_name: '', start_time: '', end_time: '', location: '', courseEdit: '', isAbleToEdit: true }],
    },
  },
  'GET api/class/reports/overview': {
    why: 'the example response misses the "]" closing endDate; the shape is its text with it',
    shape: {
      labels: [''],
      totalRegistered: [0],
      totalAttended: [0],
      totalNoShow: [0],
      totalCancelled: [0],
      startDate: [''],
      endDate: [''],
      sumRegistered: 0,
      sumAttended: 0,
      sumNoShow: 0,
      sumCancelled: 0,
    },
  },
  'GET api/course/reports/course-detailed-custom-headers': {
    why: 'the example response wraps a list in braces ({[...]}); the shape is the list',
    shape: [{ id: 0, name: '', courseId: '', classId: 0 }],
  },
  'GET api/certificate_template/preview/{id}': { why: 'the reference says "pdf file as download option"', pdf: true },
}

/** What a documented route answers: a template to project onto, or nothing documented (only a message is kept). */
export type DocumentedAnswer = { kind: 'json'; template: unknown } | { kind: 'file' } | { kind: 'undocumented' }

export function endpointsFile(): string {
  if (process.env.LMS_API_ENDPOINTS) return path.resolve(process.env.LMS_API_ENDPOINTS)
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
  return path.resolve(repoRoot, '../shared/api/endpoints.json')
}

export function loadDocumentedAnswers(file = endpointsFile()): Map<string, DocumentedAnswer> {
  const endpoints = (JSON.parse(fs.readFileSync(file, 'utf8')) as { endpoints: Endpoint[] }).endpoints
  const answers = new Map<string, DocumentedAnswer>()
  for (const e of endpoints) {
    const key = `${e.method} ${e.path}`
    const prose = PROSE_SHAPES[key]
    if (prose) answers.set(key, 'pdf' in prose ? { kind: 'file' } : { kind: 'json', template: prose.shape })
    else if (e.example && e.example.response !== null && e.example.response !== undefined) answers.set(key, { kind: 'json', template: e.example.response })
    else answers.set(key, { kind: 'undocumented' })
  }
  return answers
}
