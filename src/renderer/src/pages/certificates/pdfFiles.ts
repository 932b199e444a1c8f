// PDFs the engine answers, as blob URLs the page can show in an iframe, save or print.
import type { BinaryAnswer } from '../../../../shared/contract/binary'
import { saveBlob } from '../../lib/download'

function blobOf(answer: BinaryAnswer): Blob {
  // A copy into a fresh ArrayBuffer: Blob wants plain bytes, not a view of a shared buffer.
  const bytes = new Uint8Array(answer.bytes.byteLength)
  bytes.set(answer.bytes)
  return new Blob([bytes.buffer], { type: answer.contentType })
}

export const blobUrlOf = (answer: BinaryAnswer): string => URL.createObjectURL(blobOf(answer))

export const downloadPdf = (answer: BinaryAnswer): void => saveBlob(blobOf(answer), answer.fileName, 60_000)

/** Prints through a hidden frame holding the PDF (the browser's own print dialog). */
export function printPdf(answer: BinaryAnswer): void {
  const url = blobUrlOf(answer)
  const frame = document.createElement('iframe')
  frame.style.position = 'fixed'
  frame.style.width = '0'
  frame.style.height = '0'
  frame.style.border = '0'
  frame.setAttribute('aria-hidden', 'true')
  frame.title = 'Print'
  frame.src = url
  frame.onload = () => {
    try {
      frame.contentWindow?.focus()
      frame.contentWindow?.print()
    } catch {
      window.open(url, '_blank', 'noopener')
    }
    setTimeout(() => {
      frame.remove()
      URL.revokeObjectURL(url)
    }, 120_000)
  }
  document.body.appendChild(frame)
}
