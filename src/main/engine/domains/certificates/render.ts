// Certificates and template previews as PDF: the background found (an uploaded file, or a
// URL fetched once and kept for offline use), the values filled in, the pages drawn.
import fs from 'node:fs'
import { binaryAnswer, type BinaryAnswer } from '../../../../shared/contract/binary'
import { parseUploadUrl } from '../../../../shared/contract/files'
import type { CertificateTemplateData } from '../../../../shared/operations/certificates'
import { renderCertificates, type CertificatePage } from '../../../pdf/certificate-pdf'
import { backgroundSize } from '../../../pdf/image-size'
import { ImageRefused, imageKindOf, prepareImage, preparedImage, type PreparedImage } from '../../../pdf/images'
import { FetchRefused, fetchPublic, type PublicFetchOptions } from '../../../net/fetch-public'
import type { EngineContext } from '../../context'
import type { JobControl } from '../../jobs'
import { checkpoint } from '../../jobs'
import { uploadPath, writeUploadFile } from '../../files/uploads'

/** How a background URL is fetched: public addresses only, each hop checked, 3 redirects, 10 MB. */
export const BACKGROUND_FETCH: PublicFetchOptions = { maxRedirects: 3, maxBytes: 10 * 1024 * 1024, timeoutMs: 8000 }

/** The bytes a background URL names, fetching and keeping a copy the first time; a warning instead when there are none. */
async function backgroundBytes(ctx: EngineContext, url: string, warnings: string[]): Promise<Uint8Array | null> {
  const upload = parseUploadUrl(url)
  if (upload) {
    try {
      return new Uint8Array(fs.readFileSync(uploadPath(ctx.dataDir, upload.sha256)))
    } catch {
      warnings.push(`The background file "${upload.name}" is missing from this computer's data folder; the certificate is printed without a background. Upload the image again in the template editor.`)
      return null
    }
  }
  if (!/^https?:\/\//i.test(url)) {
    warnings.push(`The background "${url.slice(0, 200)}" is neither an uploaded file nor an http(s) address; the certificate is printed without a background.`)
    return null
  }
  const cached = ctx.sql.first(ctx.qb.selectFrom('certificate_backgrounds').select('sha256').where('url', '=', url))
  if (cached) {
    try {
      return new Uint8Array(fs.readFileSync(uploadPath(ctx.dataDir, cached.sha256)))
    } catch {
      /* the kept copy is gone: fetch it again below */
    }
  }
  try {
    const bytes = await fetchPublic(url, BACKGROUND_FETCH)
    const kind = imageKindOf(bytes)
    if (!kind) {
      warnings.push(`The background at ${url.slice(0, 200)} is not a PNG or JPEG image; the certificate is printed without a background.`)
      return null
    }
    // Checked before a copy is kept: an image too large to decode is not kept for later either.
    const size = backgroundSize(bytes)
    if (!size.ok) {
      warnings.push(`The background at ${url.slice(0, 200)} is not used: ${size.problem}. The certificate is printed without it.`)
      return null
    }
    const sha256 = writeUploadFile(ctx.dataDir, Buffer.from(bytes))
    ctx.sql.run(
      ctx.qb
        .insertInto('certificate_backgrounds')
        .values({ url, sha256, mime: kind === 'png' ? 'image/png' : 'image/jpeg', fetched_at: ctx.nowIso() })
        .onConflict((oc) => oc.column('url').doUpdateSet({ sha256, fetched_at: ctx.nowIso() })),
    )
    return bytes
  } catch (error) {
    if (error instanceof FetchRefused && error.address) {
      warnings.push(`The background ${url.slice(0, 200)} is not fetched: ${error.message}. The certificate is printed without it.`)
      return null
    }
    const why = error instanceof Error ? (error.name === 'TimeoutError' || error.name === 'AbortError' ? 'no answer in time' : error.message) : String(error)
    warnings.push(
      `The background image ${url.slice(0, 200)} could not be downloaded (${why}) and no copy is kept on this computer yet; the certificate is printed without it. Open the preview once while online to keep a copy for offline use.`,
    )
    return null
  }
}

const seenFiles = new Map<string, string>()

function fileSignature(file: string): string | null {
  try {
    const st = fs.statSync(file)
    return `${st.size}:${st.mtimeMs}`
  } catch {
    return null
  }
}

/** The sha256 the stored copy of a background is named by, when it is known without reading it. */
function knownSha256(ctx: EngineContext, url: string): string | undefined {
  const upload = parseUploadUrl(url)
  if (upload) return upload.sha256
  return ctx.sql.first(ctx.qb.selectFrom('certificate_backgrounds').select('sha256').where('url', '=', url))?.sha256
}

export async function resolveBackground(ctx: EngineContext, url: string | null, warnings: string[]): Promise<PreparedImage | null> {
  if (!url) return null
  const known = knownSha256(ctx, url)
  const file = known ? uploadPath(ctx.dataDir, known) : null
  const hit = known ? preparedImage(known) : undefined
  // The kept copy is trusted while its file is the one it was prepared from (same size and time).
  if (hit && file && seenFiles.get(file) === fileSignature(file)) return hit
  const bytes = await backgroundBytes(ctx, url, warnings)
  if (!bytes) return null
  try {
    const prepared = await prepareImage(bytes)
    const signature = file ? fileSignature(file) : null
    if (file && signature) seenFiles.set(file, signature)
    return prepared
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    warnings.push(error instanceof ImageRefused ? `The background image is not used: ${why}. The certificate is printed without it.` : `The background image is broken: ${why}. The certificate is printed without it.`)
    return null
  }
}

export interface PdfPageRequest {
  template: CertificateTemplateData
  values: Record<string, string>
}

/** How a certificate PDF job reports: the phases its declaration names. */
export type CertificateJob = JobControl<'backgrounds' | 'rendering'>

/**
 * One PDF with a page per request; backgrounds shared between pages are read once. A job:
 * between backgrounds and between pages it reports, lets other calls in, and stops when
 * cancelled (nothing is written but the kept copy of a fetched background, whole).
 */
export async function certificatesPdf(ctx: EngineContext, requests: readonly PdfPageRequest[], fileName: string, job: CertificateJob): Promise<BinaryAnswer> {
  const warnings: string[] = []
  const backgrounds = new Map<string, PreparedImage | null>()
  const pages: CertificatePage[] = []
  for (const [index, { template, values }] of requests.entries()) {
    const key = template.bg_url ?? ''
    if (!backgrounds.has(key)) {
      job.progress('backgrounds', index, requests.length)
      backgrounds.set(key, await resolveBackground(ctx, template.bg_url, warnings))
      job.signal.throwIfAborted()
    }
    pages.push({ template, values, background: backgrounds.get(key) ?? null })
  }
  if (pages.some((p) => p.template.fields.length === 0)) warnings.push('The template has no fields yet: the page shows only its background.')
  const rendered = await renderCertificates(pages, checkpoint(job, 'rendering'))
  return binaryAnswer('application/pdf', fileName, rendered.bytes, [...warnings, ...rendered.warnings])
}
