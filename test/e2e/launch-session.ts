// Browser mode signs a browser in through its one-time launch address: opened once, it
// answers 303 with the session cookie. The sync spec and the web bench start their own
// servers and sign their browsers in with this (global-setup.ts does the same for the run's server).
import http from 'node:http'

export interface SessionCookie {
  name: string
  value: string
}

/** Opens the launch address once, as a browser would, and answers the session cookie it sets. */
export function signIn(launchUrl: string): Promise<SessionCookie> {
  return new Promise((resolve, reject) => {
    http
      .get(launchUrl, (res) => {
        res.resume()
        const [pair] = (res.headers['set-cookie']?.[0] ?? '').split(';')
        const at = pair.indexOf('=')
        if (res.statusCode !== 303 || at < 0) reject(new Error(`the launch address answered ${res.statusCode}`))
        else resolve({ name: pair.slice(0, at), value: pair.slice(at + 1) })
      })
      .on('error', reject)
  })
}
