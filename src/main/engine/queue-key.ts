// The secrets a queued request must carry (a new user's password, until the hosted LMS has
// it) are written to the database encrypted, AES-256-GCM, with a key the database never
// holds: the desktop app keeps it with the OS keychain (src/main/shell/keychain.ts), serve
// and browser mode in a 0600 file in the (0700, locked) data folder. Sealed values stay
// strings in the input's JSON, so everything that reads a queued input for its other
// fields (ordering, coalescing, the Pending page) reads it as before; only the push opens
// them, when it builds the request.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { writePrivateFile } from './db/private-files'
import { mapSecrets, REDACTED } from './redact'

export const QUEUE_KEY_FILE = 'queue-key'
const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const SEALED = 'lms-sealed:v1:'
/** Ties a sealed value to its use: a value sealed for anything else does not open here. */
const AAD = Buffer.from('lms-offline queued secret v1')

/** The key, read (or made) when first needed; throws when it cannot be had. */
export type QueueKeySource = () => Buffer

/** A queued secret that cannot be opened: the record is parked with this message, never sent without it. */
export class UnreadableSecretError extends Error {
  constructor(reason: string) {
    super(
      `The password (or other secret) of this change is stored encrypted and ${reason}. ` +
        'Nothing was sent. Type it again in Edit and retry, or discard this change.',
    )
    this.name = 'UnreadableSecretError'
  }
}

/**
 * The key in `<data folder>/queue-key` (base64, 0600), made on first use. A damaged file is
 * kept aside as queue-key.damaged and a new key made: records sealed with the old one are
 * parked with a reason, new writes go on.
 */
export function fileQueueKey(dataDir: string): QueueKeySource {
  return () => {
    const file = path.join(dataDir, QUEUE_KEY_FILE)
    let text: string | null = null
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (text !== null) {
      const key = Buffer.from(text.trim(), 'base64')
      if (key.length === KEY_BYTES) return key
      fs.renameSync(file, `${file}.damaged`)
    }
    const key = randomBytes(KEY_BYTES)
    writePrivateFile(file, key.toString('base64'))
    return key
  }
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED)

export class SecretSealer {
  private key: Buffer | null = null

  constructor(private readonly source: QueueKeySource) {}

  /** Errors as they are: a full disk while making the key refuses the write as disk_full. */
  private current(): Buffer {
    if (this.key) return this.key
    const key = this.source()
    if (key.length !== KEY_BYTES) throw new Error(`The queue key has ${key.length} bytes, not ${KEY_BYTES}.`)
    return (this.key = key)
  }

  /** The input with every secret sealed (any depth); null, absent and empty ones (none given) stay as they are. */
  seal<T>(input: T): T {
    return mapSecrets(input, (secret) => {
      if (secret === null || secret === undefined || secret === '' || isSealed(secret)) return secret
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', this.current(), iv).setAAD(AAD)
      const body = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()])
      return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    }) as T
  }

  /** The input with every sealed secret opened; throws UnreadableSecretError when one cannot be. */
  open<T>(input: T): T {
    return mapSecrets(input, (secret) => (isSealed(secret) ? this.openOne(secret) : secret)) as T
  }

  /** As open, but a secret that cannot be opened is shown hidden (Edit and retry then asks for it again). */
  openOrHide<T>(input: T): T {
    return mapSecrets(input, (secret) => {
      if (!isSealed(secret)) return secret
      try {
        return this.openOne(secret)
      } catch {
        return REDACTED
      }
    }) as T
  }

  private openOne(sealed: string): unknown {
    const bytes = Buffer.from(sealed.slice(SEALED.length), 'base64')
    let key: Buffer
    try {
      key = this.current()
    } catch (error) {
      throw new UnreadableSecretError(`the key to it could not be read (${error instanceof Error ? error.message : String(error)})`)
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(AAD)
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
      return JSON.parse(text) as unknown
    } catch {
      throw new UnreadableSecretError('was encrypted with a key this data folder no longer has (its key was lost or replaced)')
    }
  }
}
