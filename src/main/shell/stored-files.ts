// Uploaded files in the desktop app: shown through lms-file://uploads/<sha256>/<name> with the
// same headers browser mode sends (CSP sandbox included), and opened with their program by
// app.openFile when they are a document type.
import fs from 'node:fs'
import path from 'node:path'
import { fileTypeOf, parseUploadUrl } from '../../shared/contract/files'
import type { Result } from '../../shared/contract/result'
import { uploadPath } from '../engine/files/uploads'
import { uploadAnswerHeaders } from '../server/upload-files'

export const FILE_SCHEME_PRIVILEGES = { scheme: 'lms-file', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }

export function uploadedFile(dataDir: string, url: string): { file: string; name: string } | null {
  const parsed = parseUploadUrl(url)
  return parsed && dataDir ? { file: uploadPath(dataDir, parsed.sha256), name: parsed.name } : null
}

/** The protocol.handle handler for lms-file://: stored uploads by sha256, 404 otherwise. */
export function storedFileHandler(dataDir: () => string): (request: Request) => Promise<Response> {
  return async (request) => {
    const found = uploadedFile(dataDir(), request.url)
    const bytes = found ? await fs.promises.readFile(found.file).catch(() => null) : null
    if (!found || !bytes) return new Response('File not found.', { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } })
    return new Response(bytes, { headers: uploadAnswerHeaders(found.name, bytes.length) })
  }
}

/** app.openFile: a copy under its own name in the temp folder, opened by the default program. */
export async function openUploadedFile(
  dataDir: string,
  input: unknown,
  deps: { tempDir: string; openPath: (file: string) => Promise<string> },
): Promise<Result<unknown>> {
  const url = (input as { url?: unknown } | null)?.url
  const found = typeof url === 'string' ? uploadedFile(dataDir, url) : null
  if (!found || !fs.existsSync(found.file)) return { ok: false, error: { code: 'not_found', status: 404, message: 'That file is not stored on this laptop.' } }
  // The default program of an .exe, .bat, .lnk or .desktop file runs it: only document, media and archive types are handed over.
  if (!fileTypeOf(found.name)) {
    return { ok: false, error: { code: 'forbidden', status: 403, message: `"${found.name}" is not a document type this app opens; save it from the hosted LMS instead.` } }
  }
  const dir = fs.mkdtempSync(path.join(deps.tempDir, 'lms-offline-'))
  const copy = path.join(dir, path.basename(found.name))
  fs.copyFileSync(found.file, copy)
  const error = await deps.openPath(copy)
  return error ? { ok: false, error: { code: 'internal', status: 500, message: `The file could not be opened: ${error}` } } : { ok: true, value: { opened: true } }
}
