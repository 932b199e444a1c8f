// The chosen file's bytes as base64 for import.dryRun / import.commit.
import { IMPORT_MAX_BYTES } from '../../../../shared/operations/import'
import { t } from '../../i18n'
import { formatNumber } from '../../lib/format'

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(new Error(t('import.fileUnreadable', { name: file.name })))
    reader.readAsDataURL(file)
  })
}

/** Checked before reading, as the engine does: a clear message instead of a long wait. */
export function sizeProblem(file: File): string | null {
  if (file.size > IMPORT_MAX_BYTES) {
    return t('import.fileTooBig', { name: file.name, size: formatNumber(file.size / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), max: IMPORT_MAX_BYTES / 1024 / 1024 })
  }
  return null
}

/** A scrolling region reachable by keyboard (Tab, then the arrow keys), named for screen readers. */
export const scrollable = (label: string) => ({ tabIndex: 0, role: 'region', 'aria-label': label })
