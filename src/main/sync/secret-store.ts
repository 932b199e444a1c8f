// Where the hosted LMS's API token is kept. The desktop app keeps it encrypted with the OS
// keychain (Electron safeStorage, in the main process); plain Node and browser mode keep it
// in a file only this user can read, and say so. The token is never logged.
import fs from 'node:fs'
import path from 'node:path'

export interface SecretStore {
  readonly kind: 'os-keychain' | 'file'
  get(): string | null
  set(token: string | null): void
}

export const FILE_TOKEN_WARNING =
  'The API token is stored in a file only your user account can read, not in the OS keychain. The desktop app keeps it in the keychain.'

export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const
  private readonly file: string

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sync-token')
  }

  get(): string | null {
    try {
      return fs.readFileSync(this.file, 'utf8').trim() || null
    } catch {
      return null
    }
  }

  set(token: string | null): void {
    if (token === null) {
      fs.rmSync(this.file, { force: true })
      return
    }
    const temp = `${this.file}.tmp`
    fs.writeFileSync(temp, token, { mode: 0o600 })
    fs.chmodSync(temp, 0o600)
    fs.renameSync(temp, this.file)
  }
}

/** Kept by the host (the Electron main process); the worker holds it in memory only. */
export class HostSecretStore implements SecretStore {
  readonly kind = 'os-keychain' as const

  constructor(
    private token: string | null,
    private readonly persist: (token: string | null) => void,
  ) {}

  get(): string | null {
    return this.token
  }

  set(token: string | null): void {
    this.token = token
    this.persist(token)
  }
}
