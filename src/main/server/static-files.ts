// Serves the built renderer in browser mode, to a browser signed in with the run's launch
// address (http-server.ts); the page holds no token (the session cookie carries access).
// Caching: files under assets/ carry a content hash in their names (Vite), so they are
// cached for a year and never revalidated; the page is never stored (it carries the run's
// token, and names the current assets). Text files are sent brotli- or gzip-compressed.
import fs from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'
import { chooseEncoding, COMPRESSIBLE, compressBoth, MIN_COMPRESS_BYTES, SUFFIX, type Encoding } from './compression'

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

export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** The encoded copies of one file, for the version (mtime and size) they were made from. */
interface Encoded {
  version: string
  variants: Promise<Record<Encoding, Buffer | null>>
}
const encodedCache = new Map<string, Encoded>()

/**
 * The brotli and gzip copies of a file: the precompressed <file>.br and <file>.gz the build
 * wrote when they are as new as the file, else made now (once per version, kept in memory).
 */
function encodedCopies(file: string, stat: { mtimeMs: number; size: number }): Promise<Record<Encoding, Buffer | null>> {
  const version = `${stat.mtimeMs}:${stat.size}`
  const cached = encodedCache.get(file)
  if (cached?.version === version) return cached.variants
  const variants = (async () => {
    const read = async (encoding: Encoding) => {
      const copy = await fs.stat(file + SUFFIX[encoding]).catch(() => null)
      return copy && copy.mtimeMs >= stat.mtimeMs ? fs.readFile(file + SUFFIX[encoding]) : null
    }
    const [br, gzip] = await Promise.all([read('br'), read('gzip')])
    if (br && gzip) return { br, gzip }
    return compressBoth(await fs.readFile(file), false)
  })()
  encodedCache.set(file, { version, variants })
  // A failure (a file removed meanwhile) is not kept: the next request tries again.
  variants.catch(() => encodedCache.delete(file))
  return variants
}

export async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  webRoot: string,
  urlPath: string,
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
  let body: Buffer
  if (ext === '.html') {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
    // Never stored: it must name the newest assets.
    headers['Cache-Control'] = 'no-store'
    body = Buffer.from((await fs.readFile(file)).toString('utf8').replace('</head>', '<meta name="lms-api" content="http"></head>'))
  } else {
    const relativeToRoot = path.relative(root, file).split(path.sep).join('/')
    headers['Cache-Control'] = relativeToRoot.startsWith('assets/') ? IMMUTABLE : 'no-cache'
    const encoding = COMPRESSIBLE.test(file) && stat.size >= MIN_COMPRESS_BYTES ? chooseEncoding(req.headers['accept-encoding']) : null
    if (COMPRESSIBLE.test(file)) headers['Vary'] = 'Accept-Encoding'
    const encoded = encoding ? (await encodedCopies(file, stat))[encoding] : null
    if (encoding && encoded) headers['Content-Encoding'] = encoding
    body = encoded ?? (await fs.readFile(file))
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}
