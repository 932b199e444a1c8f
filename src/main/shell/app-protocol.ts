// The renderer is served from app://lms/ instead of file://: a file: page may read any
// file: URL (a scheme every file on the disk shares), an app: page only what this handler
// answers, which is the files of the built renderer folder and nothing else.
import fs from 'node:fs/promises'
import path from 'node:path'
import { CONTENT_SECURITY_POLICY, RENDERER_FILE_TYPES } from '../server/static-files'
import { APP_HOST, APP_SCHEME } from './origins'

export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }

const notFound = () => new Response('Not found.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })

/** The file under root that an app:// URL names, or null (another host, a path outside root, a malformed URL). */
export function rendererFileOf(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null
  let relative: string
  try {
    relative = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (relative.includes('\0') || relative.includes('\\')) return null
  const base = path.resolve(root)
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative))
  const inside = path.relative(base, file)
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return relative === '/' ? path.join(base, 'index.html') : null
  return file
}

/** The protocol.handle handler for app://: GET and HEAD of renderer files, with the strict CSP on pages. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed.', { status: 405 })
    const file = rendererFileOf(root, request.url)
    const stat = file ? await fs.stat(file).catch(() => null) : null
    if (!file || !stat?.isFile()) return notFound()
    const ext = path.extname(file)
    const headers: Record<string, string> = {
      'Content-Type': RENDERER_FILE_TYPES[ext] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
    }
    if (ext === '.html') {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
      headers['Cache-Control'] = 'no-store'
    }
    return new Response(request.method === 'HEAD' ? null : await fs.readFile(file), { headers })
  }
}
