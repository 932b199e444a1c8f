// A call to the hosted LMS as its reference documents it: each parameter where the
// reference puts it (the path, the query string or a JSON body; a GET that documents body
// parameters sends a JSON body, as Laravel reads it), lists in the query string as PHP
// reads them (`ids[]=1&ids[]=2`), and nothing the route does not document. Undocumented
// keys are named in the result (and never sent) so a test can hold every rule to the
// reference (test/sync/documented-requests.test.ts).
import { DOCUMENTED_ROUTES, type DocumentedParam } from '../../shared/api/documented-routes'
import type { Operation } from '../../shared/contract/operation'

export interface DocumentedRequest {
  method: string
  /** Path and query, starting with "/". */
  path: string
  body?: string
  /** Input keys the route does not document: left out of the request. */
  undocumented: string[]
}

export const routeKeyOf = (operation: Pick<Operation, 'method' | 'route'>) => `${operation.method} ${operation.route}`

/** Appends a value to a query string the way PHP reads it back. */
function appendQuery(query: URLSearchParams, name: string, value: unknown, list: boolean): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== null && typeof item === 'object') {
        for (const [k, v] of Object.entries(item)) if (v !== undefined && v !== null) query.append(`${name}[${i}][${k}]`, typeof v === 'object' ? JSON.stringify(v) : String(v))
      } else if (item !== undefined && item !== null) query.append(`${name}[]`, String(item))
    })
    return
  }
  if (typeof value === 'object') {
    query.append(name, JSON.stringify(value))
    return
  }
  if (list) query.append(`${name}[]`, String(value))
  else query.append(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
}

export function documentedRequest(operation: Operation, input: Record<string, unknown>): DocumentedRequest {
  const route = operation.route
  if (route === null) throw new Error(`${operation.name} has no documented route`)
  const documented = DOCUMENTED_ROUTES[routeKeyOf(operation)]
  const params = new Map<string, DocumentedParam>((documented?.params ?? []).map((p) => [p.name, p]))
  const rest: Record<string, unknown> = { ...input }
  const path =
    '/' +
    route.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = rest[key]
      // A path parameter the reference also documents in the query or body travels in both
      // (user/{id}/delete-certificate names the certificate in its path and its body).
      const alsoElsewhere = params.get(key)
      if (!alsoElsewhere || alsoElsewhere.in === 'url') delete rest[key]
      return encodeURIComponent(String(value ?? ''))
    })
  const hasPlaceholders = /\{\w+\}/.test(route)
  const query = new URLSearchParams()
  const body: Record<string, unknown> = {}
  const undocumented: string[] = []
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue
    const param = params.get(key)
    if (!param || (param.in === 'url' && hasPlaceholders)) {
      undocumented.push(key)
      continue
    }
    // A documented URL parameter the path has no place for (badge/delete's ids) travels in the body.
    const where = param.in === 'url' ? (operation.method === 'GET' ? 'query' : 'body') : param.in
    if (where === 'query') appendQuery(query, key, value, param.list)
    else body[key] = value
  }
  const qs = query.toString()
  const hasBody = Object.keys(body).length > 0 || (operation.method !== 'GET' && [...params.values()].some((p) => p.in === 'body'))
  return {
    method: operation.method,
    path: qs ? `${path}?${qs}` : path,
    ...(hasBody ? { body: JSON.stringify(body) } : {}),
    undocumented,
  }
}
