// Reading an import's bytes: from a path or from base64, refused above the size limit
// before anything is read into memory or parsed.
import fs from 'node:fs/promises'
import path from 'node:path'
import { IMPORT_MAX_BYTES } from '../../../../shared/operations/import'
import { untranslated } from '../../errors'

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export function tooLarge(field: string, bytes: number): Error {
  return untranslated('validation', field, `The file is ${mb(bytes)}; files up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB can be imported. Split it into smaller files and import them one after another.`,
  )
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
      throw untranslated('validation', 'path', `The file ${input.path} cannot be read: it does not exist or this process may not open it.`)
    }
    if (!stat.isFile()) throw untranslated('validation', 'path', `${input.path} is not a file.`)
    if (stat.size > IMPORT_MAX_BYTES) throw tooLarge('path', stat.size)
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch {
      throw untranslated('validation', 'path', `The file ${input.path} cannot be read.`)
    }
    return { bytes, fileName: input.fileName ?? path.basename(file) }
  }
  const text = (input.contentBase64 ?? '').replace(/^data:[^,]*,/, '')
  // Checked on the encoded length (3 bytes per 4 characters), before decoding it.
  const declared = Math.floor((text.replace(/[\s=]/g, '').length * 3) / 4)
  if (declared > IMPORT_MAX_BYTES) throw tooLarge('contentBase64', declared)
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(text)) throw untranslated('validation', 'contentBase64', 'The content base64 is not valid base64.')
  return { bytes: Buffer.from(text, 'base64'), fileName: input.fileName ?? null }
}
