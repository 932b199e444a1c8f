// Two-factor authentication (documented in the Users group): prepare makes a new secret,
// confirm turns 2FA on only for a code the authenticator app computed from it, disable
// forgets the secret. Local only: the hosted LMS makes its own secret when prepared there,
// and a secret never enters the sync queue.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id } from '../contract/list-params'

export interface TwoFactorSetup {
  as_qr_code: string | null
  as_uri: string | null
  as_string: string | null
  enabled: boolean
}

export const twoFactorGet = defineOperation({
  name: 'twoFactor.get',
  summary: "A user's two-factor secret, its URI and QR code",
  kind: 'read',
  method: 'GET',
  route: 'api/user-meta/2fa',
  input: z.object({ user_id: id }),
  output: returns<TwoFactorSetup>(),
})

export const twoFactorPrepare = defineOperation({
  name: 'twoFactor.prepare',
  summary: 'A new two-factor secret for a user (2FA stays off until confirmed)',
  kind: 'write',
  method: 'POST',
  route: 'api/user/prepareTwoFactorAuth',
  input: z.object({ user_id: id }),
  output: returns<TwoFactorSetup>(),
  sync: null,
})

export const twoFactorConfirm = defineOperation({
  name: 'twoFactor.confirm',
  summary: 'Turn two-factor on with a code from the authenticator app',
  kind: 'write',
  method: 'POST',
  route: 'api/user/confirmTwoFactorAuth',
  input: z.object({
    user_id: id,
    secretCode: z
      .union([z.number().int().min(0).max(999_999).transform((n) => String(n).padStart(6, '0')), z.string().trim()], {
        error: 'The secret code must be the 6-digit code from the authenticator app.',
      })
      .pipe(z.string().regex(/^\d{6}$/, { error: 'The secret code must be the 6-digit code from the authenticator app.' })),
    // The reference sends back the QR code it showed; the secret (stringCode) is what counts.
    qrCode: z.string().max(200_000).optional(),
    stringCode: z.string().trim().min(1, { error: 'The string code field is required.' }).max(128),
  }),
  output: returns<{ status: string; message: string }>(),
  sync: null,
})

export const twoFactorDisable = defineOperation({
  name: 'twoFactor.disable',
  summary: 'Turn two-factor off and forget the secret',
  kind: 'write',
  method: 'POST',
  route: 'api/user/disableTwoFactorAuth',
  input: z.object({ user_id: id }),
  output: returns<{ message: string; qrcode: null; stringcode: null }>(),
  sync: null,
})

export const twoFactorOperations = [twoFactorGet, twoFactorPrepare, twoFactorConfirm, twoFactorDisable] as const
