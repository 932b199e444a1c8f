// The documented HTTP request for an operation call, and the envelope for an HTTP answer.
// Used by the renderer in browser mode and by sync talking to the hosted LMS.
import type { Operation } from './operation'
import type { ErrorCode, ErrorPayload, Reason } from './result'

export interface HttpRequestParts {
  method: string
  /** Path and query, starting with "/". */
  path: string
  /** JSON text for POST and PUT. */
  body?: string
}

/** Path parameters filled from the input, the rest as query (GET) or JSON body. */
export function buildRequest(operation: Pick<Operation, 'name' | 'method' | 'route'>, input: Record<string, unknown>): HttpRequestParts {
  if (operation.route === null) return { method: 'POST', path: `/app/${operation.name}`, body: JSON.stringify(input) }
  const rest: Record<string, unknown> = { ...input }
  const path =
    '/' +
    operation.route.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = rest[key]
      delete rest[key]
      return encodeURIComponent(String(value ?? ''))
    })
  if (operation.method === 'GET') {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null) continue
      query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
    }
    const qs = query.toString()
    return { method: 'GET', path: qs ? `${path}?${qs}` : path }
  }
  return { method: operation.method, path, body: JSON.stringify(rest) }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'validation',
  499: 'cancelled',
  503: 'unavailable',
  507: 'disk_full',
}

/** An HTTP error answer in the hosted API's shape, as an error payload. */
export function errorFromHttp(status: number, body: unknown): ErrorPayload {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown; reason?: unknown; error_reasons?: unknown }
  const reason = b.reason as Reason | undefined
  return {
    code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request'),
    status,
    message: typeof b.message === 'string' ? b.message : `The request failed (${status}).`,
    ...(b.errors && typeof b.errors === 'object' ? { fields: b.errors as Record<string, string[]> } : {}),
    ...(reason && typeof reason === 'object' && typeof reason.key === 'string' ? { reason } : {}),
    ...(b.error_reasons && typeof b.error_reasons === 'object' ? { fieldReasons: b.error_reasons as Record<string, Reason[]> } : {}),
  }
}
