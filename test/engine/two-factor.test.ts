// Two-factor authentication with the engine's clock injected (a mocked clock: TOTP codes
// depend on the time). The codes are computed here with otplib, as an authenticator app would.
import { generateSync } from 'otplib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeRecords, openTestEngine, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
  t.clock.set('2026-03-01T12:00:10.000Z')
})
afterEach(() => t.dispose())
const codeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) })

describe('two-factor authentication', () => {
  it('prepares a new secret with its otpauth URI and a QR code, and stays off until confirmed', () => {
    const before = t.call('twoFactor.get', { user_id: 3 })
    expect(before).toEqual({ as_qr_code: null, as_uri: null, as_string: null, enabled: false })
    const setup = t.call('twoFactor.prepare', { user_id: 3 })
    expect(setup.as_string).toMatch(/^[A-Z2-7]{16,}$/)
    expect(setup.as_uri).toContain(`secret=${setup.as_string}`)
    expect(setup.as_uri).toMatch(/^otpauth:\/\/totp\/.*student%40demo\.aomlms\.com/)
    expect(setup.as_qr_code).toMatch(/<svg[^>]*>.*<\/svg>/s)
    expect(setup.enabled).toBe(false)
    const again = t.call('twoFactor.prepare', { user_id: 3 })
    expect(again.as_string).not.toBe(setup.as_string)
  })

  it('accepts the code of the current time step, and one step of drift', () => {
    const secret = t.call('twoFactor.prepare', { user_id: 3 }).as_string!
    const now = t.clock().getTime()
    const answer = t.call('twoFactor.confirm', { user_id: 3, secretCode: Number(codeAt(secret, now)), stringCode: secret })
    expect(answer).toEqual({ status: 'success', message: 'Two Factor Authentication activated' })
    expect(t.call('twoFactor.get', { user_id: 3 }).enabled).toBe(true)

    const other = t.call('twoFactor.prepare', { user_id: 5 }).as_string!
    t.call('twoFactor.confirm', { user_id: 5, secretCode: codeAt(other, now - 30_000), stringCode: other })
  })

  it('refuses a code from three steps ago or a wrong code, and 2FA stays off', () => {
    const secret = t.call('twoFactor.prepare', { user_id: 3 }).as_string!
    const now = t.clock().getTime()
    const stale = codeAt(secret, now - 90_000)
    expect(stale).not.toBe(codeAt(secret, now))
    const refused = t.fails('twoFactor.confirm', { user_id: 3, secretCode: stale, stringCode: secret })
    expect(refused.status).toBe(422)
    expect(refused.fields?.secretCode?.[0]).toMatch(/not valid/)
    const wrong = String((Number(codeAt(secret, now)) + 1) % 1_000_000).padStart(6, '0')
    expect(t.fails('twoFactor.confirm', { user_id: 3, secretCode: wrong, stringCode: secret }).status).toBe(422)
    expect(t.fails('twoFactor.confirm', { user_id: 3, secretCode: 'abc', stringCode: secret }).fields?.secretCode).toBeTruthy()
    expect(t.call('twoFactor.get', { user_id: 3 }).enabled).toBe(false)
  })

  it('refuses a code for another secret than the one last prepared', () => {
    const first = t.call('twoFactor.prepare', { user_id: 3 }).as_string!
    t.call('twoFactor.prepare', { user_id: 3 })
    const e = t.fails('twoFactor.confirm', { user_id: 3, secretCode: codeAt(first, t.clock().getTime()), stringCode: first })
    expect(e.fields?.stringCode).toBeTruthy()
    expect(t.fails('twoFactor.confirm', { user_id: 6, secretCode: '123456', stringCode: 'ABC' }).fields?.stringCode?.[0]).toMatch(/prepare it first/)
  })

  it('disables and forgets the secret', () => {
    const secret = t.call('twoFactor.prepare', { user_id: 3 }).as_string!
    t.call('twoFactor.confirm', { user_id: 3, secretCode: codeAt(secret, t.clock().getTime()), stringCode: secret })
    expect(t.call('twoFactor.disable', { user_id: 3 })).toEqual({ message: '2factor authentication disabled successfully', qrcode: null, stringcode: null })
    expect(t.call('twoFactor.get', { user_id: 3 }).as_string).toBeNull()
    expect(t.fails('twoFactor.disable', { user_id: 999_999 }).status).toBe(404)
  })

  it('keeps secrets out of the sync queue, the user list and the logs', () => {
    const secret = t.call('twoFactor.prepare', { user_id: 3 }).as_string!
    t.result('twoFactor.confirm', { user_id: 3, secretCode: '000000', stringCode: secret })
    t.call('twoFactor.confirm', { user_id: 3, secretCode: codeAt(secret, t.clock().getTime()), stringCode: secret })
    expect(JSON.stringify(changeRecords(t.engine))).not.toContain(secret)
    const users = t.call('users.tabularList', { page_size: 100, page_number: 1 })
    expect(JSON.stringify(users)).not.toContain(secret)
    expect(t.logs.join('\n')).not.toContain(secret)
  })
})
