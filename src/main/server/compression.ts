// Brotli and gzip for the built renderer in browser mode: made once per file, at build time
// (electron.vite.config.ts writes <file>.br and <file>.gz beside each asset, at the best
// ratio) or, for a build without them, when first asked for (quicker settings), and chosen
// per request by Accept-Encoding.
import { promisify } from 'node:util'
import zlib from 'node:zlib'

export type Encoding = 'br' | 'gzip'

/** Text types worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/i

/** Below this, the headers cost more than compression saves. */
export const MIN_COMPRESS_BYTES = 1024

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** `best`: the slow, smallest settings for build time; otherwise quick ones for serving. */
export async function compressBoth(bytes: Buffer, best: boolean): Promise<Record<Encoding, Buffer>> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: best ? zlib.constants.BROTLI_MAX_QUALITY : 5,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip(bytes, { level: best ? 9 : 6 }),
  ])
  return { br, gzip: gz }
}

/** The file name suffix a precompressed copy carries. */
export const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' }

/**
 * The encoding to answer with: brotli when the client takes it, else gzip, else none.
 * Reads q-values ("br;q=0" refuses brotli) and "*".
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (!name) continue
    const q = params.find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) : 1
    weights.set(name, Number.isFinite(weight) ? weight : 0)
  }
  const weightOf = (name: string) => weights.get(name) ?? (name === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0
  const br = weightOf('br')
  const gz = weightOf('gzip')
  if (br > 0 && br >= gz) return 'br'
  if (gz > 0) return 'gzip'
  return null
}
