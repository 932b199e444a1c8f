// The hosted LMS token in the desktop app: encrypted with the OS keychain (safeStorage) into
// a 0600 file in the profile folder, never written in clear. Where the keychain is not
// available (some Linux desktops) the engine keeps a 0600 file and says so.
import fs from 'node:fs'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import type { HostSecretKeeper } from '../host/engine-host'
import { writePrivateFile } from '../engine/db/private-files'

export const KEYCHAIN_TOKEN_FILE = 'sync-token.enc'

export function keychainSecrets(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, folder: string): HostSecretKeeper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  const file = path.join(folder, KEYCHAIN_TOKEN_FILE)
  return {
    load: () => {
      try {
        return safeStorage.decryptString(fs.readFileSync(file))
      } catch {
        return null
      }
    },
    save: (token) => {
      if (token === null) fs.rmSync(file, { force: true })
      else writePrivateFile(file, safeStorage.encryptString(token))
    },
  }
}
