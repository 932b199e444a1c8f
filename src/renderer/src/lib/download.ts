// Saving what the app made (a PDF, a CSV, a sample file) as a download.

/** Saves `blob` as `fileName`; its URL is let go `keepMs` later, once the browser has taken it. */
export function saveBlob(blob: Blob, fileName: string, keepMs = 1000): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), keepMs)
}

export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(new Blob([text], { type }), fileName)
}

export function base64Blob(base64: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  return new Blob([bytes], { type })
}
