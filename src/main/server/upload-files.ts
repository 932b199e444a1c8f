// Serves files stored by module/assignment/upload at /files/<sha256>/<name>. Types the
// grading panel previews (images, PDF, plain text) are answered inline; anything else
// as an attachment, and never as something a browser would run.
import fs from 'node:fs/promises'
import type http from 'node:http'
import { extensionOf } from '../../shared/contract/files'
import { uploadPath } from '../engine/files/uploads'

const INLINE: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  csv: 'text/plain; charset=utf-8',
}

export const UPLOAD_SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"

/**
 * The headers of a stored file's answer, over HTTP (browser mode) and lms-file:// (the
 * desktop app) alike: a type the grading panel previews inline, anything else an attachment;
 * and a CSP sandbox, so that an HTML or SVG file someone uploaded never runs as a page of the
 * app. PDFs go without it: Chromium does not show a PDF in a sandboxed document, and its PDF
 * viewer runs in a process of its own, apart from the app's page.
 */
export function uploadAnswerHeaders(name: string, size: number): Record<string, string> {
  const type = INLINE[extensionOf(name)]
  return {
    'Content-Type': type ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `${type ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
    ...(type === 'application/pdf' ? {} : { 'Content-Security-Policy': UPLOAD_SANDBOX }),
  }
}

export async function serveUpload(req: http.IncomingMessage, res: http.ServerResponse, dataDir: string, urlPath: string): Promise<void> {
  const match = /^\/files\/([0-9a-f]{64})\/([^/]+)$/.exec(urlPath)
  let name = ''
  try {
    name = match ? decodeURIComponent(match[2]) : ''
  } catch {
    /* leave empty: answered 404 below */
  }
  const bytes = match && name ? await fs.readFile(uploadPath(dataDir, match[1])).catch(() => null) : null
  if (!match || !bytes) {
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
    res.end(JSON.stringify({ message: 'File not found.' }))
    return
  }
  res.writeHead(200, uploadAnswerHeaders(name, bytes.length))
  res.end(req.method === 'HEAD' ? undefined : bytes)
}
