// Fetching a file from a public web address named by data (a certificate background URL),
// never from this computer or its network. Each hop's host is resolved here and every
// address it resolves to is checked (public-address.ts); the connection goes to the
// address checked, so a name cannot resolve to a public address for the check and a
// private one for the connection. Redirects are followed by hand, each hop checked the
// same way, at most `maxRedirects`; the body is read up to `maxBytes` and no further.
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { refusedAddress } from './public-address'

export interface PublicFetchOptions {
  maxRedirects: number
  maxBytes: number
  timeoutMs: number
  /**
   * "address:port" pairs let through although not public. Only tests set it, for their
   * own servers on 127.0.0.1: nothing a user or the hosted LMS sends reaches it.
   */
  allowed?: ReadonlySet<string>
}

/** A refusal with a sentence for the user; `address` when the URL itself may never be fetched (not a public http(s) address). */
export class FetchRefused extends Error {
  override name = 'FetchRefused'
  constructor(
    message: string,
    readonly address = false,
  ) {
    super(message)
  }
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '')
const defaultPort = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80))

function check(address: string, port: number, url: URL, options: PublicFetchOptions): void {
  const why = refusedAddress(address)
  if (why && !options.allowed?.has(`${address}:${port}`)) {
    throw new FetchRefused(`${url.host} is ${/^[aeiu]/.test(why) ? 'an' : 'a'} ${why} address (${address}); only public web addresses are fetched`, true)
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void

/** A lookup that answers only checked addresses (and fails the connection otherwise). */
function checkedLookup(url: URL, port: number, options: PublicFetchOptions) {
  return (hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, family: lookupOptions.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '')
      try {
        // Every address the name has must be public: one private among them is refused.
        for (const a of addresses) check(a.address, port, url, options)
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '')
      }
      if (lookupOptions.all) callback(null, addresses)
      else callback(null, addresses[0].address, addresses[0].family)
    })
  }
}

interface Hop {
  status: number
  location: string | null
  body: Uint8Array
}

function request(url: URL, options: PublicFetchOptions, signal: AbortSignal): Promise<Hop> {
  const port = defaultPort(url)
  const host = hostOf(url)
  // A literal address never goes through a lookup: checked here.
  if (net.isIP(host)) check(host, port, url, options)
  const client = url.protocol === 'https:' ? https : http
  return new Promise<Hop>((resolve, reject) => {
    const req = client.get(url, { lookup: checkedLookup(url, port, options) as never, signal, headers: { accept: 'image/png, image/jpeg;q=0.9, */*;q=0.1' }, agent: false }, (res) => {
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400) {
        res.resume()
        resolve({ status, location: res.headers.location ?? null, body: new Uint8Array() })
        return
      }
      const declared = Number(res.headers['content-length'] ?? 0)
      if (declared > options.maxBytes) {
        req.destroy()
        reject(new FetchRefused(`the file is larger than ${options.maxBytes / 1024 / 1024} MB`))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > options.maxBytes) {
          req.destroy()
          reject(new FetchRefused(`the file is larger than ${options.maxBytes / 1024 / 1024} MB`))
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ status, location: null, body: new Uint8Array(Buffer.concat(chunks)) }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

/** The body of a public http(s) URL; throws FetchRefused (or a network error) with a readable message. */
export async function fetchPublic(address: string, options: PublicFetchOptions): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(options.timeoutMs)
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new FetchRefused('it is not a web address', true)
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(`${url.protocol} addresses are not fetched, only http and https`, true)
    const answer = await request(url, options, signal)
    if (answer.location === null) {
      if (answer.status !== 200) throw new FetchRefused(`the server answered ${answer.status}`)
      return answer.body
    }
    if (hop >= options.maxRedirects) throw new FetchRefused(`the address redirects more than ${options.maxRedirects} times`)
    url = new URL(answer.location, url)
  }
}
