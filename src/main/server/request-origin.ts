// No web page but the app's own can drive this server. A browser names where a request
// comes from: `Sec-Fetch-Site` (every current browser) and `Origin` (every cross-origin
// request but a plain GET, and same-origin ones that are not GET or HEAD). A request from
// another site, or from another origin on this same machine (127.0.0.1 on another port is
// the same site, not the same origin), is refused on every route before anything runs;
// so are GET writes (an <img> marking attendance) and bodies a form or a no-cors fetch
// can send without asking (only application/json, and the documented multipart upload).
// Non-browser clients send none of these headers and are judged by their token alone.
import type http from 'node:http'

/** Why the request must be refused as coming from another origin, or null. */
export function crossOriginRefusal(req: http.IncomingMessage): string | null {
  const site = req.headers['sec-fetch-site']
  // "none": the user opened the address themselves (typed, a bookmark, the terminal's link).
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `This local server answers only its own pages; a page of another ${site === 'same-site' ? 'origin' : 'site'} may not call it.`
  }
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${(req.headers.host ?? '').toLowerCase()}`) {
    return `This local server answers only its own pages; a page from ${origin.slice(0, 100)} may not call it.`
  }
  return null
}

/** A GET that writes, called with the browser's session: only from the app's own page (a request it made, not an <img> or a link). */
export function getWriteRefusal(req: http.IncomingMessage): string | null {
  return req.headers['sec-fetch-site'] === 'same-origin' ? null : 'This change is made only from the app itself.'
}

/** A body this server reads: JSON sent as application/json, or a multipart form (the documented upload). */
export function bodyTypeRefusal(contentType: string): string | null {
  if (/^application\/json\s*(;|$)/i.test(contentType) || /^multipart\/form-data\s*;/i.test(contentType)) return null
  return `Send the body as JSON with Content-Type: application/json${contentType ? ` (not ${contentType.slice(0, 80)})` : ''}.`
}
