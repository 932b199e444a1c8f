// The key queued secrets are sealed with (serve and browser mode: a 0600 file in the data
// folder). A laptop queues a user with a password and closes; the key file is then deleted,
// or damaged. Reopened, the engine keeps working: the record whose password cannot be opened
// is parked with a reason that says so (nothing is sent without it), new writes are sealed
// with a new key and sent, and Edit and retry with the password typed again sends it.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/main/engine/password'
import { QUEUE_KEY_FILE } from '../../src/main/engine/queue-key'
import { removeDir, tempDir } from '../engine/helpers'
import { configure, hostedPasswordHash, openLaptop, startHosted, type Hosted } from '../sync/world'

let hosted: Hosted
beforeAll(async () => {
  hosted = await startHosted({ demo: true })
})
afterAll(async () => {
  await hosted?.stop()
})

const stamp = Date.now()

describe.each([
  ['missing', (file: string) => fs.rmSync(file)],
  ['damaged', (file: string) => fs.writeFileSync(file, 'not a key at all')],
] as const)('a queue key file that is %s', (how, spoil) => {
  it('parks the records it sealed with a reason, and everything else goes on', async () => {
    const dir = tempDir('lms-queue-key-')
    const email = (who: string) => `${who}.${how}.${stamp}@example.org`
    try {
      const before = await openLaptop({ dir })
      const password = `Before-${how}-Pass-1`
      before.call('users.create', { firstName: 'Before', lastName: how, email: email('before'), password, password_confirmation: password })
      const keyFile = path.join(dir, QUEUE_KEY_FILE)
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
      before.close()
      spoil(keyFile)

      const laptop = await openLaptop({ dir })
      try {
        configure(laptop, hosted)
        const after = `After-${how}-Pass-2`
        laptop.call('users.create', { firstName: 'After', lastName: how, email: email('after'), password: after, password_confirmation: after })
        expect((await laptop.syncNow()).parked).toBe(1)
        const [parked] = laptop.parked()
        expect(parked).toMatchObject({ operation: 'users.create', state: 'parked' })
        expect(parked!.reason).toMatch(/stored encrypted and was encrypted with a key this data folder no longer has.*Type it again in Edit and retry/)
        expect(hostedPasswordHash(hosted, email('before'))).toBeUndefined()
        expect(verifyPassword(after, hostedPasswordHash(hosted, email('after'))!)).toBe(true)
        expect(fs.statSync(path.join(dir, QUEUE_KEY_FILE)).mode & 0o777).toBe(0o600)
        if (how === 'damaged') expect(fs.readFileSync(path.join(dir, `${QUEUE_KEY_FILE}.damaged`), 'utf8')).toBe('not a key at all')

        // Retried as shown (the password hidden): refused, it must be typed again.
        expect(laptop.result('sync.retry', { id: parked!.id, input: parked!.input as Record<string, unknown> })).toMatchObject({ ok: false, error: { status: 422 } })
        const typed = `Typed-${how}-Pass-3`
        laptop.call('sync.retry', { id: parked!.id, input: { ...(parked!.input as Record<string, unknown>), password: typed, password_confirmation: typed } })
        if ('advance' in laptop.clock) laptop.clock.advance(60 * 60_000)
        expect((await laptop.syncNow()).parked).toBe(0)
        expect(verifyPassword(typed, hostedPasswordHash(hosted, email('before'))!)).toBe(true)
      } finally {
        laptop.close()
      }
    } finally {
      removeDir(dir)
    }
  })
})
