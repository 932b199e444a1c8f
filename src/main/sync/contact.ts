// Why the hosted LMS could not be used, in words that name the address and the reason.
// The hosted client classifies every failed exchange with these; the sync service keeps
// the one that stopped a run for the status. (Before, a closed port, a typo in the name
// and a web server that is not the LMS all said "could not be reached".)
import type { ContactProblem } from '../../shared/operations/sync'

export interface ContactReport {
  problem: ContactProblem
  message: string
}

const CHECK_ADDRESS = 'Check the hosted LMS address in Sync settings.'
const KEPT = 'Unsent changes are kept here.'

/** host:port when the address gives a port, else the host. */
function hostOf(url: URL): string {
  return url.host
}

const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed, which this computer does not trust',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a self-signed certificate, which this computer does not trust',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (check this computer\'s date and time)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate was made for another name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by an authority this computer does not know',
  CERT_REVOKED: 'its certificate was revoked',
  EPROTO: 'it does not speak HTTPS on this port (try http://, or another port)',
}

function isTlsCode(code: string): boolean {
  return code in TLS_REASONS || /CERT|^ERR_SSL|^ERR_TLS/.test(code)
}

const formatSeconds = (ms: number) => String(Math.round(ms / 100) / 10)

/** No answer started: the network error Node gave (`code`), or a timeout. */
export function noAnswerReport(url: URL, code: string | undefined, timeoutMs: number): ContactReport {
  const host = hostOf(url)
  const c = code ?? ''
  if (c === 'TIMEOUT') {
    const seconds = formatSeconds(timeoutMs)
    return { problem: 'no_answer', message: `${host} timed out: no answer within ${seconds} s. ${KEPT}` }
  }
  if (c === 'ENOTFOUND') return { problem: 'dns', message: `The name ${url.hostname} was not found (DNS). ${CHECK_ADDRESS}` }
  if (c === 'ECONNREFUSED') {
    return { problem: 'refused', message: `${host} refused the connection: no server is listening there. Check the address and port, or whether the hosted LMS is running. ${KEPT}` }
  }
  if (c === 'EAI_AGAIN') {
    return { problem: 'no_connection', message: `No connection: the name ${url.hostname} could not be looked up (no answer from DNS). ${KEPT}` }
  }
  if (['ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL'].includes(c)) {
    return { problem: 'no_connection', message: `No connection: this computer could not reach ${host} (${c}). ${KEPT}` }
  }
  if (isTlsCode(c)) {
    const why = TLS_REASONS[c] ?? 'the certificate or the encryption was not accepted'
    return { problem: 'tls', message: `The secure connection to ${host} failed: ${why} (${c}). Ask the LMS's administrator to fix its certificate, or check the hosted LMS address in Sync settings.` }
  }
  return { problem: 'no_answer', message: `The connection to ${host} broke off before an answer${c ? ` (${c})` : ''}. ${KEPT}` }
}

/** An answer whose body is not JSON: a web page, an empty or other body. */
export function notApiReport(url: URL, status: number, contentType: string | null): ContactReport {
  const what = /html/i.test(contentType ?? '') ? 'a web page (HTML)' : `something other than JSON${contentType ? ` (${contentType})` : ''}`
  return { problem: 'not_lms', message: `${url.origin} answered with ${what}, HTTP ${status}, not as the LMS API. ${CHECK_ADDRESS}` }
}

/** The answer to the check that starts a run was JSON, but not the documented shape. */
export function wrongShapeReport(url: URL): ContactReport {
  return { problem: 'not_lms', message: `${url.origin} answered JSON without the LMS API's fields, so it is not the LMS API. ${CHECK_ADDRESS}` }
}

/** An answer with an HTTP status that stops sync: `message` is the server's own, if it gave one. */
export function statusReport(url: URL, status: number, message: string | null, location: string | null = null): ContactReport {
  const said = message ? `: ${message.trim().replace(/[.\s]+$/, '')}` : ''
  if (status === 401) {
    return { problem: 'unauthorized', message: `The hosted LMS at ${hostOf(url)} refused the API token (HTTP 401). Enter a new token to continue; nothing was lost.` }
  }
  if (status === 429) return { problem: 'rate_limited', message: `The hosted LMS at ${hostOf(url)} asked to slow down (HTTP 429); sync resumes when it allows. ${KEPT}` }
  if (status >= 500 || status === 408) {
    return { problem: 'server_error', message: `The hosted LMS at ${hostOf(url)} had an error (HTTP ${status}${said}); sync tries again. ${KEPT}` }
  }
  if (status === 404) {
    return { problem: 'not_lms', message: `${url.origin} answered 404 Not Found for the LMS API (${url.pathname}), so it is not the LMS API. ${CHECK_ADDRESS}` }
  }
  if (status >= 300 && status < 400) {
    return { problem: 'not_lms', message: `${url.origin} sends the LMS API elsewhere${location ? ` (to ${location})` : ''} (HTTP ${status}). ${CHECK_ADDRESS}` }
  }
  return { problem: 'client_error', message: `The hosted LMS at ${hostOf(url)} refused the request with HTTP ${status}${said}.` }
}

/** Problems that pass by themselves (the network, the server's load): sync tries again on its own. */
export const PASSING_PROBLEMS: ReadonlySet<ContactProblem> = new Set(['no_connection', 'dns', 'refused', 'no_answer', 'server_error', 'rate_limited'])

/** Problems of the address (or the server's setup) that need someone to change it: sync says so and waits. */
export const SETUP_PROBLEMS: ReadonlySet<ContactProblem> = new Set(['tls', 'not_lms', 'client_error'])
