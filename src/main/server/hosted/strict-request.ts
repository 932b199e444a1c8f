// The request a documented route takes, read the way the reference describes it: each
// parameter only where the reference puts it (URL, query string or JSON body, on GET
// too), nothing undocumented, only the documented search_param filters, and the
// parameters it requires present, or a 422 in Laravel's shape.
import type { DocumentedRoute } from '../../../shared/api/documented-routes'

export interface StrictRefusal {
  status: 422
  body: { message: string; errors: Record<string, string[]> }
}

const missing = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** Laravel names a field in its messages in words: studentIds and student_ids are "student ids". */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[_\s]+/g, ' ')
    .toLowerCase()
    .trim()
}

/** search_param with only the filters the reference documents for the route (and the engine answers). */
function documentedFilters(value: unknown, documented: readonly string[], answered: ReadonlySet<string> | null): unknown {
  let filters: unknown = value
  if (typeof value === 'string') {
    try {
      filters = JSON.parse(value)
    } catch {
      return value
    }
  }
  if (filters === null || typeof filters !== 'object' || Array.isArray(filters)) return value
  const kept = Object.fromEntries(Object.entries(filters).filter(([key]) => documented.includes(key) && (answered === null || answered.has(key))))
  return JSON.stringify(kept)
}

export function strictInput(
  route: DocumentedRoute,
  routePath: string,
  pathParams: Record<string, string>,
  query: Record<string, unknown>,
  body: Record<string, unknown>,
  answeredFilters: ReadonlySet<string> | null,
): { input: Record<string, unknown> } | StrictRefusal {
  const input: Record<string, unknown> = { ...pathParams }
  const placeholders = [...routePath.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
  const errors: Record<string, string[]> = {}
  for (const param of route.params) {
    let value: unknown
    if (param.in === 'url') {
      // The path names it (under the route's own placeholder name); a documented URL
      // parameter the path has no place for (badge/delete's ids) is read from the body.
      if (placeholders.length > 0) continue
      value = body[param.name] ?? query[param.name]
    } else value = param.in === 'query' ? query[param.name] : body[param.name]
    if (param.name === 'search_param' && value !== undefined) value = documentedFilters(value, route.searchKeys, answeredFilters)
    if (value !== undefined) input[param.name] = value
    // A URL parameter the route's path has no place for cannot be required of a request
    // (POST course documents an `id` this way): only what a request can carry is enforced.
    if (param.required && param.in !== 'url' && missing(value)) errors[param.name] = [`The ${words(param.name)} field is required.`]
  }
  if (Object.keys(errors).length > 0) return { status: 422, body: { message: 'The given data was invalid.', errors } }
  return { input }
}
