// Documented routes, derived from the operation declarations. Literal segments win over
// `{param}` segments, so `GET api/course/enrolled-students` is not read as `api/course/{id}`.
import type { HttpMethod, Operation } from '../../shared/contract/operation'

interface Route {
  operation: Operation
  method: HttpMethod
  segments: string[]
  literalCount: number
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'none' }

const splitPath = (path: string) => path.split('/').filter((s) => s.length > 0)

export class Router {
  private readonly routes: Route[]

  constructor(operations: readonly Operation[]) {
    this.routes = operations
      .filter((op) => op.route !== null)
      .map((op) => {
        const segments = splitPath(op.route as string)
        return { operation: op, method: op.method, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length }
      })
      .sort((a, b) => b.literalCount - a.literalCount)
    const seen = new Set<string>()
    for (const r of this.routes) {
      const key = `${r.method} ${r.segments.map((s) => (s.startsWith('{') ? '{}' : s)).join('/')}`
      if (seen.has(key)) throw new Error(`Route ${key} is declared twice`)
      seen.add(key)
    }
  }

  match(method: string, pathname: string): RouteMatch {
    let parts: string[]
    try {
      parts = splitPath(pathname).map((s) => decodeURIComponent(s))
    } catch {
      return { kind: 'none' }
    }
    const allowed = new Set<HttpMethod>()
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue
      const params: Record<string, string> = {}
      const fits = route.segments.every((segment, i) => {
        if (segment.startsWith('{')) {
          params[segment.slice(1, -1)] = parts[i]
          return true
        }
        return segment === parts[i]
      })
      if (!fits) continue
      if (route.method === method) return { kind: 'operation', operation: route.operation, params }
      allowed.add(route.method)
    }
    return allowed.size ? { kind: 'method_not_allowed', allowed: [...allowed] } : { kind: 'none' }
  }
}
