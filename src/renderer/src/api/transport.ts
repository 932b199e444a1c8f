// How the renderer reaches the engine: IPC through the preload bridge in the desktop
// app, HTTP to the local server in browser mode. Same operations, same envelopes.
import type { EngineEvent, EngineEventType, LmsBridge } from '../../../shared/contract/bridge'
import type { Result } from '../../../shared/contract/result'
import { buildRequest, errorFromHttp } from '../../../shared/contract/http-request'
import { binaryAnswer, decodeWarnings, WARNINGS_HEADER } from '../../../shared/contract/binary'
import reasons from '../../../shared/i18n/reasons/en.json'
// Routes as data, not the operations with their schemas: zod stays out of the first load.
import routes from 'virtual:lms-operation-routes'
import { ALL_ENTITIES } from '../../../shared/operations/entities'

/**
 * Browser mode: the page is served only to a browser signed in with the run's launch
 * address, and its session cookie goes with every same-origin request; `token` is for a
 * caller that holds the API token instead.
 */
export function httpBridge(baseUrl = '', token?: string): LmsBridge {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra })
  return {
    async invoke(name, input) {
      const operation = Object.hasOwn(routes, name) ? { name, ...routes[name] } : undefined
      if (!operation) return { ok: false, error: { code: 'not_found', status: 404, message: reasons['reason.unknown_operation'].replace('{name}', name), reason: { key: 'reason.unknown_operation', values: { name } } } }
      const request = buildRequest(operation, (input ?? {}) as Record<string, unknown>)
      let response: Response
      try {
        response = await fetch(baseUrl + request.path, {
          method: request.method,
          headers: headers(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          body: request.body,
        })
      } catch {
        return { ok: false, error: { code: 'unavailable', status: 503, message: reasons['reason.engine_unreachable'], reason: { key: 'reason.engine_unreachable' } } }
      }
      const contentType = response.headers.get('content-type') ?? ''
      if (response.ok && !/^application\/json/i.test(contentType)) {
        // A file answer (a certificate PDF): the same value IPC would carry.
        const fileName = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('content-disposition') ?? '')?.[1]
        const bytes = new Uint8Array(await response.arrayBuffer())
        return { ok: true, value: binaryAnswer(contentType, fileName ? decodeURIComponent(fileName) : 'download', bytes, decodeWarnings(response.headers.get(WARNINGS_HEADER))) } as Result<unknown>
      }
      const body = (await response.json().catch(() => null)) as unknown
      if (response.ok) return { ok: true, value: body } as Result<unknown>
      return { ok: false, error: errorFromHttp(response.status, body) }
    },
    subscribe: eventStream(baseUrl, headers),
  }
}

/**
 * One stream of /app/events shared by every subscriber of the page: a browser keeps at
 * most six connections to a host, and each long-lived stream would hold one of them.
 * After the stream was lost and is back, subscribers to `changed` are told that anything
 * may have changed, since the events of the gap are gone.
 */
function eventStream(baseUrl: string, headers: () => Record<string, string>): LmsBridge['subscribe'] {
  const listeners = new Set<(event: EngineEvent) => void>()
  let controller: AbortController | null = null
  const dispatch = (event: EngineEvent) => {
    for (const listener of [...listeners]) listener(event)
  }
  const run = async (signal: AbortSignal) => {
    let connectedBefore = false
    // Reconnects with a pause while anyone listens; fetch, not EventSource, so a token can travel in a header
    // (the page's own session cookie goes with it as with every same-origin request).
    while (!signal.aborted) {
      try {
        const response = await fetch(`${baseUrl}/app/events`, { headers: headers(), signal })
        // A refusal (a session gone) is not a stream: try again after the pause.
        const reader = response.ok ? response.body?.getReader() : undefined
        if (!reader) throw new Error('no stream')
        if (connectedBefore) dispatch({ type: 'changed', entities: [...ALL_ENTITIES] })
        connectedBefore = true
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
            if (data) dispatch(JSON.parse(data.slice(6)) as EngineEvent)
          }
        }
      } catch {
        /* reconnect below */
      }
      if (!signal.aborted) await new Promise((r) => setTimeout(r, 2000))
    }
  }
  return <T extends EngineEventType>(event: T, callback: (event: Extract<EngineEvent, { type: T }>) => void) => {
    const listener = (payload: EngineEvent) => {
      if (payload.type === event) callback(payload as Extract<EngineEvent, { type: T }>)
    }
    listeners.add(listener)
    if (!controller) {
      controller = new AbortController()
      void run(controller.signal)
    }
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && controller) {
        controller.abort()
        controller = null
      }
    }
  }
}

/** IPC in the desktop app, HTTP in browser mode. */
export function defaultBridge(): LmsBridge {
  return window.lms ?? httpBridge()
}
