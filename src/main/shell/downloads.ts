// Downloads: the page saves what the engine made (certificates, sign-in sheets, CSVs) through
// blob: URLs of its own origin, and stored uploads through lms-file:; those get a save dialog
// with a clean file name in the Downloads folder. Anything else (a link to a web address, a
// file: URL, a blob of another origin) is refused rather than saved where Electron chooses.
import path from 'node:path'
import type { DownloadItem, Event } from 'electron'
import { originOf, trustedOrigin } from './origins'

/** A file name that is only a name: no folders, no control or reserved characters, not hidden. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200)
  return /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(cleaned) || !cleaned ? `download${cleaned ? `-${cleaned}` : ''}` : cleaned
}

export function isAllowedDownload(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('blob:')) return originOf(url) === trustedOrigin(devServerUrl)
  return url.startsWith('lms-file://uploads/')
}

export function handleWillDownload(event: Event, item: DownloadItem, deps: { downloadsDir: string; devServerUrl: string | undefined }): void {
  if (!isAllowedDownload(item.getURL(), deps.devServerUrl)) {
    event.preventDefault()
    return
  }
  item.setSaveDialogOptions({ title: 'Save file', defaultPath: path.join(deps.downloadsDir, safeFileName(item.getFilename())) })
}
