// Reading an import's bytes: from a path or from base64, refused above the size limit
// before anything is read into memory or parsed.
import fs from 'node:fs/promises'
import path from 'node:path'
import { IMPORT_MAX_BYTES } from '../../../../shared/operations/import'
import { invalid } from '../../errors'

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export function tooLarge(field: string, bytes: number): Error {
  return invalid(field, 'reason.import.too_large', { size: (bytes / 1024 / 1024).toFixed(1), max: String(IMPORT_MAX_BYTES / 1024 / 1024) })
}

export interface ImportSource {
  bytes: Buffer
  fileName: string | null
}

export async function readSource(input: { path?: string; contentBase64?: string; fileName?: string }): Promise<ImportSource> {
  if (input.path) {
    const file = path.resolve(input.path)
    let stat
    try {
      stat = await fs.stat(file)
    } catch {
      throw invalid('path', 'reason.import.path_unreadable', { path: input.path })
    }
    if (!stat.isFile()) throw invalid('path', 'reason.import.path_not_file', { path: input.path })
    if (stat.size > IMPORT_MAX_BYTES) throw tooLarge('path', stat.size)
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch {
      throw invalid('path', 'reason.import.path_cannot_read', { path: input.path })
    }
    return { bytes, fileName: input.fileName ?? path.basename(file) }
  }
  const text = (input.contentBase64 ?? '').replace(/^data:[^,]*,/, '')
  // Checked on the encoded length (3 bytes per 4 characters), before decoding it.
  const declared = Math.floor((text.replace(/[\s=]/g, '').length * 3) / 4)
  if (declared > IMPORT_MAX_BYTES) throw tooLarge('contentBase64', declared)
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(text)) throw invalid('contentBase64', 'reason.import.base64_invalid')
  return { bytes: Buffer.from(text, 'base64'), fileName: input.fileName ?? null }
}
