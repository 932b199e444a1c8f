// TOTP (RFC 6238, SHA-1, 6 digits, 30-second steps) through otplib, and the QR code an
// authenticator app scans. The clock is the engine's, so tests can set the time.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib'
import qrcode from 'qrcode-generator'

export const TOTP_STEP_SECONDS = 30
const ISSUER = 'LMS Offline'

export const newSecret = (): string => generateSecret()

export function otpauthUri(secret: string, account: string): string {
  return generateURI({ issuer: ISSUER, label: account, secret })
}

export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return `<?xml version="1.0" encoding="UTF-8"?>\n${qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true })}\n`
}

/** The code an authenticator shows for this secret at `at`. */
export function codeAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) })
}

/** True for the code of the current step or of the step before or after (clock drift). */
export function codeMatches(secret: string, code: string, at: Date): boolean {
  try {
    return verifySync({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: TOTP_STEP_SECONDS }).valid
  } catch {
    return false
  }
}
