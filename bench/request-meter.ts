// Counts the laptop's requests to the hosted LMS in a benchmark (the laptop engine runs in
// the benchmark's process, and its transport sends through node:http's request): how many,
// by documented route, and how many round trips the longest chain of them needed. Those
// figures do not depend on how busy the machine is, unlike the times beside them.
// Round trips: a request that starts after another ended may depend on it, so a request's
// depth is one more than the deepest request that had ended when it started; the run's
// depth is the deepest request's. Over a link of latency L, a run needs at least depth x L.
import http from 'node:http'

interface Sent {
  route: string
  start: number
  end: number
}

export interface RequestMeter {
  /** Requests since the meter started (or was last reset), counted and with their depth. */
  read(): { requests: number; roundTrips: number; byRoute: [route: string, count: number][] }
  reset(): void
  stop(): void
}

/** `GET /api/user/12?page=1` as `GET api/user/{n}`: a documented route, query left out. */
function routeOf(method: string, path: string): string {
  return `${method} ${path.split('?')[0].replace(/^\//, '').replace(/\/\d+(?=\/|$)/g, '/{n}')}`
}

/** `port`: count only requests to it (the link's or the stand-in's), not a relay's own. */
export function startRequestMeter(port?: number): RequestMeter {
  const original = http.request
  let sent: Sent[] = []
  const patched = ((...args: Parameters<typeof http.request>) => {
    const req = (original as (...a: unknown[]) => http.ClientRequest)(...args)
    const target = args[0]
    const options = (typeof args[1] === 'object' ? args[1] : {}) as http.RequestOptions
    const url = target instanceof URL ? target : typeof target === 'string' ? new URL(target) : null
    const method = options.method ?? (target as http.RequestOptions).method ?? 'GET'
    const path = url ? url.pathname + url.search : ((target as http.RequestOptions).path ?? '/')
    const to = Number(url ? url.port : (target as http.RequestOptions).port)
    if (port !== undefined && to !== port) return req
    const entry: Sent = { route: routeOf(method, path), start: performance.now(), end: Number.POSITIVE_INFINITY }
    sent.push(entry)
    const ended = () => (entry.end = Math.min(entry.end, performance.now()))
    req.on('response', (res: http.IncomingMessage) => res.on('end', ended).on('close', ended))
    req.on('error', ended)
    req.on('close', ended)
    return req
  }) as typeof http.request
  http.request = patched
  return {
    read() {
      const byStart = [...sent].sort((a, b) => a.start - b.start)
      const byEnd = [...sent].sort((a, b) => a.end - b.end)
      const depth = new Map<Sent, number>()
      let ended = 0
      let deepestEnded = 0
      let deepest = 0
      for (const s of byStart) {
        while (ended < byEnd.length && byEnd[ended].end <= s.start) {
          deepestEnded = Math.max(deepestEnded, depth.get(byEnd[ended]) ?? 0)
          ended++
        }
        depth.set(s, deepestEnded + 1)
        deepest = Math.max(deepest, deepestEnded + 1)
      }
      const counts = new Map<string, number>()
      for (const s of sent) counts.set(s.route, (counts.get(s.route) ?? 0) + 1)
      return { requests: sent.length, roundTrips: deepest, byRoute: [...counts].sort((a, b) => b[1] - a[1]) }
    },
    reset() {
      sent = []
    },
    stop() {
      http.request = original
    },
  }
}

/** "1,234 requests (GET api/x 1,000, ...), 56 round trips" for a figure's note. */
export function requestNote(meter: RequestMeter, top = 6): string {
  const { requests, roundTrips, byRoute } = meter.read()
  const routes = byRoute
    .slice(0, top)
    .map(([route, n]) => `${route} ${n}`)
    .join(', ')
  return `${requests} requests (${routes}${byRoute.length > top ? ', ...' : ''}), ${roundTrips} round trips deep`
}
