// Text of an import file: UTF-8 with or without a BOM, or Windows-1252 (what Excel on
// Windows saves as "CSV"), told apart by whether the bytes are valid UTF-8. Files that are
// not text at all are refused with a reason instead of becoming rows of garbage.
import { isUtf8 } from 'node:buffer'
import { invalid } from '../../errors'

export type ImportEncoding = 'utf-8' | 'windows-1252'

export function checkText(bytes: Uint8Array, field: string): void {
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  const rest = bytes.subarray(start)
  if (rest.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    throw invalid(field, 'reason.import.file_empty')
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid(field, 'reason.import.utf16')
  }
  const head = bytes.subarray(0, 8192)
  let control = 0
  for (const b of head) {
    if (b === 0) throw invalid(field, 'reason.import.binary')
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++
  }
  if (control > head.length / 20) {
    throw invalid(field, 'reason.import.binary')
  }
}

export function detectEncoding(bytes: Uint8Array): ImportEncoding {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252'
}

/** The text in slices of about `sliceBytes`, decoded as a stream (a character split across slices is kept whole); a UTF-8 BOM is dropped. */
export function* decodeSlices(bytes: Uint8Array, encoding: ImportEncoding, sliceBytes = 1 << 20): Generator<string> {
  const decoder = new TextDecoder(encoding)
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    const text = decoder.decode(bytes.subarray(at, at + sliceBytes), { stream: at + sliceBytes < bytes.length })
    if (text) yield text
  }
}
