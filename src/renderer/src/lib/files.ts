// Where the renderer finds an uploaded file: the desktop app serves lms-file:// URLs
// itself; in browser mode the local server answers them at /files/<sha256>/<name>.
import { parseUploadUrl, previewKind, uploadHttpPath } from '../../../shared/contract/files'

export interface UploadedFileView {
  /** The URL an <img>, <iframe> or fetch can load, or null for a URL that is not an upload. */
  href: string | null
  name: string
  kind: ReturnType<typeof previewKind>
}

export const isDesktop = (): boolean => typeof window !== 'undefined' && window.lms !== undefined

export function uploadedFileView(url: string): UploadedFileView {
  const parsed = parseUploadUrl(url)
  const name = parsed?.name ?? (url.split('/').pop() || url)
  const href = parsed ? (isDesktop() ? url : uploadHttpPath(url)) : null
  return { href, name, kind: previewKind(name) }
}
