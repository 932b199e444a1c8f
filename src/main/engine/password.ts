// Passwords are stored as scrypt hashes with a per-user random salt; the clear text
// never reaches a user row or a log line. The one exception is the sync queue:
// users.create and users.updatePassword queue it in their change record because the
// hosted API needs it, and app.changes redacts it before anything shows the queue.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return timingSafeEqual(expected, actual)
}

/**
 * The same hash as hashPassword, computed on libuv's thread pool: an import hashing many
 * passwords uses every core and leaves the engine's thread free to answer meanwhile.
 */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16)
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P }, (error, hash) => {
      if (error) reject(error)
      else resolve(`scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`)
    })
  })
}
