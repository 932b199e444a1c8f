// The documented list conventions: `page_size`, `page_number`, `order_by` (a JSON string
// `{"colName": ..., "direction": "asc"|"desc"}`, or in a few documented examples a bare
// column name) and `search_param` (a JSON string of filters). Sort columns and filter
// keys come from allow-lists declared with each operation; anything else is a 422.
import { z } from 'zod'

export type SortDirection = 'asc' | 'desc'
export interface OrderBy<C extends string = string> {
  colName: C
  direction: SortDirection
}

/** Parses a JSON text sent as a query parameter. */
function parseJsonParam(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // The hosted API's own example for courses/tabularlist sends `{...}}`, one surplus
    // closing brace; accept exactly that form and nothing looser.
    const trimmed = text.replace(/\}\s*$/, '')
    if (trimmed !== text && trimmed.trimStart().startsWith('{')) {
      try {
        return JSON.parse(trimmed)
      } catch {
        /* fall through */
      }
    }
    return undefined
  }
}

/** The sort keys each order_by schema allows (see sortKeysOf). */
const SORT_KEYS = new WeakMap<z.ZodType, readonly string[]>()

export function orderByParam<const C extends string>(columns: readonly C[]) {
  const allowed = new Set<string>(columns)
  const schema = z
    .union([z.string().max(1000), z.object({ colName: z.string(), direction: z.string().optional() })])
    .transform((value, ctx): OrderBy<C> | undefined => {
      if (typeof value === 'string' && value.trim() === '') return undefined
      let parsed: unknown = value
      if (typeof value === 'string') {
        parsed = value.trimStart().startsWith('{') ? parseJsonParam(value) : { colName: value, direction: 'asc' }
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: 'The order by must be a valid JSON string.' })
          return z.NEVER
        }
      }
      const shape = z
        .object({ colName: z.string(), direction: z.string().optional() })
        .safeParse(parsed)
      if (!shape.success) {
        ctx.addIssue({ code: 'custom', message: 'The order by must have a colName and a direction.' })
        return z.NEVER
      }
      const { colName, direction = 'asc' } = shape.data
      if (!allowed.has(colName)) {
        ctx.addIssue({
          code: 'custom',
          message: `The order by column is invalid. Allowed: ${columns.join(', ')}.`,
        })
        return z.NEVER
      }
      const dir = direction.toLowerCase()
      if (dir !== 'asc' && dir !== 'desc') {
        ctx.addIssue({ code: 'custom', message: 'The order by direction must be asc or desc.' })
        return z.NEVER
      }
      return { colName: colName as C, direction: dir }
    })
  SORT_KEYS.set(schema, columns)
  return schema
}

/** The filter keys each search_param schema answers (see filterKeysOf). */
const FILTER_KEYS = new WeakMap<z.ZodType, readonly string[]>()

/** `search_param`: a JSON object string (or an object over IPC) checked against a strict filter schema. */
export function searchParam<S extends z.ZodObject>(filters: S) {
  const strict = filters.strict()
  const schema = z.union([z.string().max(10_000), z.record(z.string(), z.unknown())]).transform((value, ctx) => {
    let parsed: unknown = value
    if (typeof value === 'string') {
      if (value.trim() === '') parsed = {}
      else {
        parsed = parseJsonParam(value)
        if (parsed === undefined || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          ctx.addIssue({ code: 'custom', message: 'The search param must be a JSON object.' })
          return z.NEVER
        }
      }
    }
    const result = strict.safeParse(parsed)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const where = issue.path.length ? ` (${issue.path.join('.')})` : ''
        const message =
          issue.code === 'unrecognized_keys'
            ? `The search param has unknown filters: ${issue.keys.join(', ')}. Allowed: ${Object.keys(filters.shape).join(', ')}.`
            : `The search param is invalid${where}: ${issue.message}`
        ctx.addIssue({ code: 'custom', message })
      }
      return z.NEVER
    }
    return result.data as z.output<S>
  })
  FILTER_KEYS.set(schema, Object.keys(filters.shape))
  return schema
}

/** The keys a list parameter (`search_param`, `order_by`) of an input schema declares, unwrapping `.optional()`. */
function declaredKeys(input: z.ZodType, field: string, keysOf: WeakMap<z.ZodType, readonly string[]>): readonly string[] | null {
  let schema: z.ZodType | undefined = (input as { shape?: Record<string, z.ZodType> }).shape?.[field]
  while (schema && !keysOf.has(schema) && typeof (schema as { unwrap?: unknown }).unwrap === 'function') {
    schema = (schema as unknown as { unwrap(): z.ZodType }).unwrap()
  }
  return (schema && keysOf.get(schema)) ?? null
}

/** The filters an operation's search_param answers, or null when it takes none declared through searchParam. */
export function filterKeysOf(input: z.ZodType): ReadonlySet<string> | null {
  const keys = declaredKeys(input, 'search_param', FILTER_KEYS)
  return keys ? new Set(keys) : null
}

/** The sort keys an operation's order_by allows, in declared order, or null when it is no list declared with listParams. */
export function sortKeysOf(input: z.ZodType): readonly string[] | null {
  return declaredKeys(input, 'order_by', SORT_KEYS)
}

/**
 * A whole number given as a JSON number or as digits in a string (query strings and path
 * segments are text). Stricter than z.coerce, which turns `[5]`, `true` or `""` into numbers.
 */
export function intLike(label: string, min: number, max: number) {
  return z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,20}$/, { error: `The ${label} must be an integer.` })], {
      error: `The ${label} must be an integer.`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .int({ error: `The ${label} must be an integer.` })
        .min(min, { error: `The ${label} must be at least ${min}.` })
        .max(max, { error: `The ${label} may not be greater than ${max}.` }),
    )
}

export const pageSize = intLike('page size', 1, 1000).default(10)
export const pageNumber = intLike('page number', 1, 1_000_000).default(1)

/** The common list parameters with the operation's own sort columns and filters. */
export function listParams<const C extends string, S extends z.ZodObject>(columns: readonly C[], filters: S) {
  return {
    page_size: pageSize,
    page_number: pageNumber,
    order_by: orderByParam(columns).optional(),
    search_param: searchParam(filters).optional(),
  }
}

export interface ListPage<R> {
  recordsTotal: number
  recordsFiltered: number
  records: R[]
}

/** A row id from a path segment, query or JSON body: a positive integer. */
export const id = intLike('id', 1, Number.MAX_SAFE_INTEGER)

export const idList = z.array(id).max(10_000)

/** Query-string booleans arrive as text. */
export const boolish = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
])
