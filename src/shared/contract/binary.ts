// An operation answer that is a file, not JSON (a certificate PDF). The engine returns it
// as a value; the HTTP server sends the bytes with their content type, and the browser
// transport turns such a response back into the same value. Over IPC it crosses as is
// (structured clone keeps Uint8Array).
export const BINARY_MARKER = 'lms-binary/1'

export interface BinaryAnswer {
  readonly kind: typeof BINARY_MARKER
  contentType: string
  fileName: string
  bytes: Uint8Array
  /** Problems the file was made despite (an offline background); sent as the X-Lms-Warnings header. */
  warnings: string[]
}

export function binaryAnswer(contentType: string, fileName: string, bytes: Uint8Array, warnings: string[] = []): BinaryAnswer {
  return { kind: BINARY_MARKER, contentType, fileName, bytes, warnings }
}

export function isBinaryAnswer(value: unknown): value is BinaryAnswer {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === BINARY_MARKER && (value as { bytes?: unknown }).bytes instanceof Uint8Array
}

/** Warnings travel in one header as URI-encoded JSON (headers are Latin-1). */
export const WARNINGS_HEADER = 'X-Lms-Warnings'
export const encodeWarnings = (warnings: readonly string[]) => encodeURIComponent(JSON.stringify(warnings))
export function decodeWarnings(header: string | null | undefined): string[] {
  if (!header) return []
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(header))
    return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : []
  } catch {
    return []
  }
}
