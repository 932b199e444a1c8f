// Courses and classes named in an import's cells the way trainers know them. A course is its
// name or slug (without case) or its id; only an exact match is taken, and a text that
// matches two courses is refused naming both. An unknown text is refused naming the
// closest courses, never guessed. A class is its id, or its course with the class's date
// (and time) when the course has more than one class to come.
import type { EngineContext } from '../../context'
import { LmsError } from '../../errors'
import { assertOpen, classQuery } from '../classes/index'
import { said, type Said } from './said'

export interface CourseRef {
  id: number
  name: string
  slug: string
}

export interface ClassRef {
  id: number
  courseId: number
  courseName: string
  start: string
  end: string
  location: string | null
  signed_off_at: string | null
  signed_off_by: string | null
  disabled: number
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; said: Said }

const fold = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()
/** For suggestions only: accents, case and punctuation aside. */
const loose = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
const ID = /^#?(\d{1,12})$/

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]
}

/** 0..1: how near a typed text is to a course's name or slug. */
function nearness(typed: string, known: string): number {
  if (!typed || !known) return 0
  if (typed.length >= 3 && ` ${known} `.includes(` ${typed} `)) return 0.85
  if (known.length >= 3 && ` ${typed} `.includes(` ${known} `)) return 0.7
  const a = new Set(typed.split(' '))
  const b = new Set(known.split(' '))
  const shared = [...a].filter((w) => b.has(w)).length
  const words = shared / (a.size + b.size - shared)
  const longest = Math.max(typed.length, known.length)
  // Too different in length to be a typo; and long texts are not worth the quadratic cost.
  if (Math.abs(typed.length - known.length) / longest > 0.4 || longest > 120) return words
  return Math.max(words, 1 - editDistance(typed, known) / longest)
}

const SUGGEST_AT = 0.6
/** Distinct unknown texts that get suggestions; past that, the message says only that they are unknown. */
const SUGGESTED_TEXTS = 200

export class CourseIndex {
  private readonly byId = new Map<number, CourseRef>()
  private readonly byKey = new Map<string, CourseRef[]>()
  private readonly answers = new Map<string, Resolved<CourseRef>>()
  private suggested = 0

  constructor(private readonly courses: readonly CourseRef[]) {
    for (const c of courses) {
      this.byId.set(c.id, c)
      for (const key of new Set([fold(c.name), fold(c.slug)])) {
        const same = this.byKey.get(key)
        if (same) same.push(c)
        else this.byKey.set(key, [c])
      }
    }
  }

  static load(ctx: EngineContext): CourseIndex {
    return new CourseIndex(ctx.sql.all(ctx.qb.selectFrom('courses').select(['id', 'name', 'slug']).orderBy('id')))
  }

  get(id: number): CourseRef | undefined {
    return this.byId.get(id)
  }

  /** Whether a text is a course's whole name or slug (a comma inside it then belongs to the name). */
  names(text: string): boolean {
    return this.byKey.has(fold(text))
  }

  resolve(item: string): Resolved<CourseRef> {
    const text = item.trim()
    let answer = this.answers.get(text)
    if (!answer) {
      answer = this.lookUp(text)
      this.answers.set(text, answer)
    }
    return answer
  }

  /** A course as a message names it: its name, with its slug when another course has the same name. */
  label(c: CourseRef): string {
    return (this.byKey.get(fold(c.name))?.length ?? 0) > 1 ? `"${c.name}" (slug ${c.slug}, id ${c.id})` : `"${c.name}"`
  }

  private lookUp(text: string): Resolved<CourseRef> {
    const hits = new Map<number, CourseRef>()
    for (const c of this.byKey.get(fold(text)) ?? []) hits.set(c.id, c)
    const id = ID.exec(text)
    const byId = id ? this.byId.get(Number(id[1])) : undefined
    if (byId) hits.set(byId.id, byId)
    const found = [...hits.values()]
    if (found.length === 1) return { ok: true, value: found[0] }
    if (found.length > 1) {
      const list = found.map((c) => `"${c.name}" (slug ${c.slug}, id ${c.id})`).join(', ')
      return { ok: false, said: said('reason.import.course_ambiguous', { text, count: found.length, list }) }
    }
    if (id) return { ok: false, said: said('reason.import.course_id_unknown', { id: id[1] }) }
    const near = this.suggested++ < SUGGESTED_TEXTS ? this.closest(text) : []
    if (near.length === 0) return { ok: false, said: said('reason.import.course_unknown', { text }) }
    return { ok: false, said: said('reason.import.course_closest', { text, list: near.map((c) => this.label(c)).join(', ') }) }
  }

  private closest(text: string): CourseRef[] {
    const typed = loose(text)
    return this.courses
      .map((c) => ({ c, score: Math.max(nearness(typed, loose(c.name)), nearness(typed, loose(c.slug))) }))
      .filter((s) => s.score >= SUGGEST_AT)
      .sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name))
      .slice(0, 3)
      .map((s) => s.c)
  }
}

/** A class as the import's answers show it. */
export const classView = (c: ClassRef) => ({ id: c.id, courseName: c.courseName, start: c.start, end: c.end, location: c.location })

const pad = (n: number) => String(n).padStart(2, '0')
/** The class's local day and time as a file writes them back: "2026-12-03", "09:00". */
export const localDay = (iso: string) => {
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
const localTime = (iso: string) => {
  const d = new Date(iso)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}
const DATED = /^(.*?)[\s,@]+(\d{4}-\d{2}-\d{2})(?:[ T]+(\d{1,2}):(\d{2}))?$/
const SHOWN_CLASSES = 5

export class ClassIndex {
  private readonly byId = new Map<number, ClassRef>()
  private readonly byCourse = new Map<number, ClassRef[]>()

  constructor(classes: readonly ClassRef[]) {
    for (const c of classes) {
      this.byId.set(c.id, c)
      // A disabled class is reached by its id only.
      if (c.disabled) continue
      const same = this.byCourse.get(c.courseId)
      if (same) same.push(c)
      else this.byCourse.set(c.courseId, [c])
    }
  }

  static load(ctx: EngineContext): ClassIndex {
    const rows = ctx.sql.all(classQuery(ctx).orderBy('classes.start_at').orderBy('classes.id'))
    return new ClassIndex(
      rows.map((c) => ({
        id: c.id,
        courseId: c.course_id,
        courseName: c.course_name,
        start: c.start_at,
        end: c.end_at,
        location: c.location_name,
        signed_off_at: c.signed_off_at,
        signed_off_by: c.signed_off_by,
        disabled: c.disabled,
      })),
    )
  }

  get(id: number): ClassRef | undefined {
    return this.byId.get(id)
  }

  /** Classes that can still take learners: not over, not signed off, not disabled; soonest first. */
  open(nowIso: string): ClassRef[] {
    return [...this.byId.values()].filter((c) => !c.disabled && !c.signed_off_at && c.end >= nowIso)
  }

  /** Whether a text is a class reference whose course name holds a comma. */
  names(text: string, courses: CourseIndex): boolean {
    return courses.names(DATED.exec(text.trim())?.[1] ?? text)
  }

  resolve(item: string, courses: CourseIndex, nowIso: string): Resolved<ClassRef> {
    const text = item.trim()
    const id = ID.exec(text)
    if (id) {
      const cls = this.byId.get(Number(id[1]))
      return cls ? open(cls) : { ok: false, said: said('reason.import.class_id_unknown', { id: id[1] }) }
    }
    const dated = DATED.exec(text)
    const course = courses.resolve(dated ? dated[1] : text)
    if (!course.ok) return course
    const name = course.value.name
    const all = this.byCourse.get(course.value.id) ?? []
    if (dated) {
      const time = dated[3] === undefined ? null : `${pad(Number(dated[3]))}:${dated[4]}`
      const on = all.filter((c) => localDay(c.start) === dated[2] && (time === null || localTime(c.start) === time))
      const when = `${dated[2]}${time ? ` ${time}` : ''}`
      if (on.length === 1) return open(on[0])
      if (on.length > 1) {
        return { ok: false, said: said('reason.import.class_several_on', { course: name, count: on.length, when, list: list(on), example: `${name} ${localDay(on[0].start)} ${localTime(on[0].start)}` }) }
      }
      return {
        ok: false,
        said: all.length ? said('reason.import.class_none_on', { course: name, when, list: list(upcomingFirst(all, nowIso)) }) : said('reason.import.class_none_on_empty', { course: name, when }),
      }
    }
    const coming = all.filter((c) => c.end >= nowIso && !c.signed_off_at)
    if (coming.length === 1) return { ok: true, value: coming[0] }
    if (coming.length > 1) {
      return { ok: false, said: said('reason.import.class_several_coming', { course: name, count: coming.length, list: list(coming), example: `${name} ${localDay(coming[0].start)}` }) }
    }
    return {
      ok: false,
      said: all.length ? said('reason.import.class_none_coming', { course: name, list: list(upcomingFirst(all, nowIso)) }) : said('reason.import.class_none_coming_empty', { course: name }),
    }
  }
}

function open(cls: ClassRef): Resolved<ClassRef> {
  try {
    assertOpen({ id: cls.id, signed_off_at: cls.signed_off_at, signed_off_by: cls.signed_off_by })
    return { ok: true, value: cls }
  } catch (error) {
    if (!(error instanceof LmsError)) throw error
    return { ok: false, said: { message: error.message, reason: error.reason ?? { key: 'reason.invalid_data' } } }
  }
}

const upcomingFirst = (all: readonly ClassRef[], nowIso: string) => [...all.filter((c) => c.end >= nowIso), ...all.filter((c) => c.end < nowIso).reverse()]

function list(classes: readonly ClassRef[]): string {
  const shown = classes
    .slice(0, SHOWN_CLASSES)
    .map((c) => `${localDay(c.start)} ${localTime(c.start)}${c.location ? ` at ${c.location}` : ''} (class ${c.id})`)
  return shown.join(', ') + (classes.length > SHOWN_CLASSES ? ` and ${classes.length - SHOWN_CLASSES} more` : '')
}

/**
 * The references in one cell: separated by ";", "|" or line breaks, and by commas unless
 * the text between them names a course whole ("Health, Safety and Welfare"). Ids written
 * with spaces ("1 5"), as earlier files did, are read one by one.
 */
export function splitRefs(cell: string, whole: (text: string) => boolean): string[] {
  const out: string[] = []
  for (const piece of cell.split(/[;|\r\n]+/)) {
    const text = piece.trim()
    if (!text) continue
    if (/^#?\d+(\s+#?\d+)+$/.test(text)) {
      out.push(...text.split(/\s+/))
      continue
    }
    const parts = text.split(',')
    for (let i = 0; i < parts.length; ) {
      let j = parts.length
      while (j > i + 1 && !whole(parts.slice(i, j).join(','))) j--
      const item = parts.slice(i, j).join(',').trim()
      if (item) out.push(item)
      i = j
    }
  }
  return out
}
