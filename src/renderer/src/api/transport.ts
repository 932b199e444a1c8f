// How the renderer reaches the engine: IPC through the preload bridge in the desktop
// app, HTTP to the local server in browser mode. Same operations, same envelopes.
import type { EngineEvent, EngineEventType, LmsBridge } from '../../../shared/contract/bridge'
import type { Operation } from '../../../shared/contract/operation'
import type { ErrorCode, Result } from '../../../shared/contract/result'
import { operationsByName } from '../../../shared/operations/index'

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'validation',
  503: 'unavailable',
}

function metaContent(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined
}

/** The documented request for an operation: path parameters filled, the rest as query or JSON body. */
export function buildRequest(operation: Operation, input: Record<string, unknown>): { method: string; path: string; body?: string } {
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

export function httpBridge(baseUrl = '', token = metaContent('lms-token')): LmsBridge {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra })
  return {
    async invoke(name, input) {
      const operation = operationsByName.get(name) as Operation | undefined
      if (!operation) return { ok: false, error: { code: 'not_found', status: 404, message: `Unknown operation "${name}".` } }
      const request = buildRequest(operation, (input ?? {}) as Record<string, unknown>)
      let response: Response
      try {
        response = await fetch(baseUrl + request.path, {
          method: request.method,
          headers: headers(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          body: request.body,
        })
      } catch {
        return { ok: false, error: { code: 'unavailable', status: 503, message: 'The local engine cannot be reached. Is the app server running?' } }
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
      if (response.ok) return { ok: true, value: body } as Result<unknown>
      return {
        ok: false,
        error: {
          code: CODE_BY_STATUS[response.status] ?? 'internal',
          status: response.status,
          message: typeof body?.message === 'string' ? body.message : `The request failed (${response.status}).`,
          ...(body?.errors ? { fields: body.errors as Record<string, string[]> } : {}),
        },
      }
    },
    subscribe(event: EngineEventType, callback: (event: EngineEvent) => void) {
      const controller = new AbortController()
      void (async () => {
        // Reconnects with a pause while the page lives; fetch, not EventSource, so the token travels in a header.
        while (!controller.signal.aborted) {
          try {
            const response = await fetch(`${baseUrl}/app/events`, { headers: headers(), signal: controller.signal })
            const reader = response.body?.getReader()
            if (!reader) throw new Error('no stream')
            const decoder = new TextDecoder()
            let buffer = ''
            for (;;) {
              const { value, done } = await reader.read()
              if (done) break
              buffer += decoder.decode(value, { stream: true })
              let end: number
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                const frame = buffer.slice(0, end)
                buffer = buffer.slice(end + 2)
                const data = frame.split('\n').find((l) => l.startsWith('data: '))
                if (!data) continue
                const payload = JSON.parse(data.slice(6)) as EngineEvent
                if (payload.type === event) callback(payload)
              }
            }
          } catch {
            /* reconnect below */
          }
          if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, 2000))
        }
      })()
      return () => controller.abort()
    },
  }
}

/** IPC in the desktop app, HTTP in browser mode. */
export function defaultBridge(): LmsBridge {
  return window.lms ?? httpBridge()
}
