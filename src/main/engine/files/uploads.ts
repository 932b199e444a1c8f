// Content-addressed file store under <data dir>/uploads: the same bytes are kept once,
// files are written to a temporary name and renamed, and a file's type is checked against
// both its name and its first bytes.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { FILE_TYPE_EXTENSIONS, type FileTypeName } from '../../../shared/contract/files'
import { MAX_UPLOAD_MB } from '../../../shared/operations/assignments'
import { extensionOf, fileTypeOf, parseUploadUrl, uploadUrl } from '../../../shared/contract/files'
import type { EngineContext } from '../context'
import { invalid } from '../errors'

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
}

export const mimeOf = (name: string) => MIME[extensionOf(name)] ?? 'application/octet-stream'

function sniffMatches(ext: string, bytes: Buffer): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  switch (ext) {
    case 'pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-'
    case 'png':
      return starts(0x89, 0x50, 0x4e, 0x47)
    case 'jpg':
    case 'jpeg':
      return starts(0xff, 0xd8, 0xff)
    case 'gif':
      return bytes.subarray(0, 4).toString('latin1') === 'GIF8'
    case 'webp':
      return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'
    default:
      return true
  }
}

export function uploadPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'uploads', sha256.slice(0, 2), sha256)
}

/** Refuses a file whose name is not one of the allowed types, or whose bytes are not what its name says. */
export function assertFileAllowed(name: string, bytes: Buffer | null, allowed: readonly string[]): void {
  const type = fileTypeOf(name)
  if (allowed.length && (!type || !allowed.includes(type))) {
    const extensions = allowed.flatMap((t) => FILE_TYPE_EXTENSIONS[t as FileTypeName] ?? []).map((e) => `.${e}`)
    throw invalid('file', 'reason.file_type_not_accepted', { types: allowed.join(', '), extensions: extensions.join(', '), name })
  }
  if (bytes && !sniffMatches(extensionOf(name), bytes)) {
    throw invalid('file', 'reason.file_damaged', { name, extension: extensionOf(name) })
  }
}

/** Writes the bytes under their sha256 (once; atomically) and returns the hash. */
export function writeUploadFile(dataDir: string, bytes: Buffer): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const target = uploadPath(dataDir, sha256)
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 })
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    fs.writeFileSync(temp, bytes, { mode: 0o600 })
    fs.renameSync(temp, target)
  }
  return sha256
}

export function storeUpload(ctx: EngineContext, name: string, bytes: Buffer): { sha256: string; url: string; size: number; name: string } {
  const limit = MAX_UPLOAD_MB * 1024 * 1024
  if (bytes.length > limit) throw invalid('file', 'reason.file_too_large', { max: String(MAX_UPLOAD_MB) })
  if (bytes.length === 0) throw invalid('file', 'reason.file_empty')
  const safeName = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'upload'
  // Checked here, not only when the caller names an assignment: the documented upload sends
  // just the file, and submit later sees only the name, so this is the one place the bytes are seen.
  assertFileAllowed(safeName, bytes, [])
  const sha256 = writeUploadFile(ctx.dataDir, bytes)
  ctx.sql.run(
    ctx.qb
      .insertInto('uploads')
      .values({ sha256, name: safeName, mime: mimeOf(safeName), size: bytes.length, created_at: ctx.nowIso() })
      .onConflict((oc) => oc.column('sha256').doNothing()),
  )
  return { sha256, url: uploadUrl(sha256, safeName), size: bytes.length, name: safeName }
}

/** The stored file an upload URL names, or a 422 when there is none. */
export function requireUpload(ctx: EngineContext, url: string): { sha256: string; name: string } {
  const parsed = parseUploadUrl(url)
  const known = parsed && ctx.sql.first(ctx.qb.selectFrom('uploads').select('sha256').where('sha256', '=', parsed.sha256))
  if (!parsed || !known) throw invalid('submission', 'reason.submission_not_upload')
  return parsed
}
