// Browser mode hands its access to the person who started it, and to nobody else on the
// machine. The server makes a launch secret at start and prints a URL carrying it (or
// writes it to a 0600 file for a test runner); the first browser to open that URL trades it
// for a session cookie (HttpOnly: no script reads it; SameSite=Strict: no other site's page
// sends it) and is sent on to the clean address. The secret then opens nothing: anyone else
// who asks for the page gets a page that explains how to sign in, and no token.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type http from 'node:http'

const same = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export class BrowserSessions {
  /** Cookies are shared by every port of a host: the name carries this server's port. */
  readonly cookieName: string
  private launchSecret: string | null
  private readonly sessions = new Set<string>()

  constructor(port: number, launchSecret = randomBytes(24).toString('base64url')) {
    this.cookieName = `lms_session_${port}`
    this.launchSecret = launchSecret
  }

  /** The address that signs a browser in, once. */
  launchUrl(origin: string): string {
    if (!this.launchSecret) throw new Error('The launch address was used already.')
    return `${origin}/?launch=${this.launchSecret}`
  }

  /** A session for the launch secret, the first time it is shown; null otherwise. */
  trade(secret: string): string | null {
    if (!this.launchSecret || !same(secret, this.launchSecret)) return null
    this.launchSecret = null
    const session = randomBytes(32).toString('base64url')
    this.sessions.add(session)
    return session
  }

  cookie(session: string): string {
    return `${this.cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`
  }

  /** Whether the request carries a session this server gave out. */
  has(req: http.IncomingMessage): boolean {
    const header = req.headers.cookie ?? ''
    for (const part of header.split(';')) {
      const at = part.indexOf('=')
      if (at < 0 || part.slice(0, at).trim() !== this.cookieName) continue
      const value = part.slice(at + 1).trim()
      for (const session of this.sessions) if (same(value, session)) return true
    }
    return false
  }
}

/** What a browser without a session gets instead of the app: how to sign in, and nothing that grants access. */
export const SIGN_IN_PAGE = (reason: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS Offline: sign in</title></head>` +
  `<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">` +
  `<h1>Open the address printed when the app started</h1><p>${reason}</p>` +
  `<p>This local server lets in only the browser that opened the address <code>npm run start:web</code> printed in its terminal (it holds a one-time secret). ` +
  `Stop the app and start it again for a new address.</p></body></html>`
