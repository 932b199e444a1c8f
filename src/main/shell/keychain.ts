// The hosted LMS token in the desktop app: encrypted with the OS keychain (safeStorage) into
// a 0600 file in the profile folder, never written in clear. Where the keychain is not
// available (some Linux desktops) the engine keeps a 0600 file and says so.
import { randomBytes } from 'node:crypto'
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

/**
 * The key queued secrets are sealed with (see engine/queue-key.ts), kept encrypted by the OS
 * keychain. Made on first use; one the keychain can no longer open is kept aside (.damaged)
 * and replaced, and the records it sealed are parked by the push with a reason. A dot name:
 * the file is made before the engine's first open, which refuses a new folder holding other
 * files. Undefined (the engine then keeps a 0600 key file) when the keychain is not available
 * or anything here fails: the main process never stops for it.
 */
export const KEYCHAIN_QUEUE_KEY_FILE = '.queue-key.enc'
const QUEUE_KEY_BYTES = 32

export function keychainQueueKey(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  folder: string,
  log: (line: string) => void = (line) => console.error(line),
): Uint8Array | undefined {
  try {
    if (!safeStorage.isEncryptionAvailable()) return undefined
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const file = path.join(folder, KEYCHAIN_QUEUE_KEY_FILE)
    if (fs.existsSync(file)) {
      try {
        const key = Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'base64')
        if (key.length === QUEUE_KEY_BYTES) return key
      } catch {
        // Not openable with this keychain: replaced below.
      }
      fs.renameSync(file, `${file}.damaged`)
      log('[keychain] the queue key could not be opened with the OS keychain; a new one was made (changes sealed with the old one wait for their passwords to be typed again)')
    }
    const key = randomBytes(QUEUE_KEY_BYTES)
    writePrivateFile(file, safeStorage.encryptString(key.toString('base64')))
    return key
  } catch (error) {
    log(`[keychain] the queue key could not be kept with the OS keychain (${error instanceof Error ? error.message : String(error)}); a key file in the data folder is used`)
    return undefined
  }
}
