// Serves the built renderer in browser mode. The page gets the run's API token in a
// meta tag: other sites cannot read it (same-origin policy, no CORS, Host check).
import fs from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: lms-file:",
  "font-src 'self' data:",
  "connect-src 'self' lms-file:",
  "object-src 'none'",
  "frame-src 'self' blob: lms-file:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export const RENDERER_FILE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
}

const escapeAttr = (s: string) => s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] as string)

export async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  webRoot: string,
  urlPath: string,
  token: string | undefined,
): Promise<void> {
  const root = path.resolve(webRoot)
  let relative: string
  try {
    relative = decodeURIComponent(urlPath)
  } catch {
    relative = '/'
  }
  let file = path.resolve(root, '.' + path.posix.normalize(relative))
  if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html')
  let stat = await fs.stat(file).catch(() => null)
  // The app navigates in-page; any unknown path gets the app shell.
  if (!stat || stat.isDirectory()) {
    file = path.join(root, 'index.html')
    stat = await fs.stat(file).catch(() => null)
  }
  if (!stat) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('The renderer is not built. Run `npm run build` first.')
    return
  }
  const ext = path.extname(file)
  const headers: Record<string, string> = {
    'Content-Type': RENDERER_FILE_TYPES[ext] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  }
  let body = await fs.readFile(file)
  if (ext === '.html') {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
    headers['Cache-Control'] = 'no-store'
    const meta = `<meta name="lms-api" content="http">${token ? `<meta name="lms-token" content="${escapeAttr(token)}">` : ''}`
    body = Buffer.from(body.toString('utf8').replace('</head>', `${meta}</head>`))
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}
