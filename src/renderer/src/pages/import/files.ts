// The chosen file's bytes as base64 for import.dryRun / import.commit, and saving text
// (the error list, the sample) as a download.
import { IMPORT_MAX_BYTES } from '../../../../shared/operations/import'

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(new Error(`The file ${file.name} could not be read.`))
    reader.readAsDataURL(file)
  })
}

/** Checked before reading, as the engine does: a clear message instead of a long wait. */
export function sizeProblem(file: File): string | null {
  if (file.size > IMPORT_MAX_BYTES) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; files up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB can be imported. Split it into smaller files.`
  }
  return null
}

export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A scrolling region reachable by keyboard (Tab, then the arrow keys), named for screen readers. */
export const scrollable = (label: string) => ({ tabIndex: 0, role: 'region', 'aria-label': label })
