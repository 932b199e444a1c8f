// Setting up two-factor authentication for one user: a new secret asked for, the code from
// the authenticator app checked against it, or two-factor turned off. Busy while any of
// them runs; the secret is kept only until it is confirmed or given up.
import { useState, type FormEvent } from 'react'
import type { TwoFactorSetup } from '../../../../shared/operations/two-factor'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { errorMessage, fieldErrors } from '../../lib/errors'
import { notifyError, notifySuccess } from '../../lib/notify'

export function useTwoFactorSetup(userId: number) {
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const t = useT()

  async function prepare() {
    setBusy(true)
    try {
      setSetup(await lms.call('twoFactor.prepare', { user_id: userId }))
      setCode('')
      setCodeError(null)
    } catch (error) {
      notifyError(error, t('twoFactor.prepareFailed'))
    } finally {
      setBusy(false)
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault()
    if (!setup?.as_string) return
    setBusy(true)
    try {
      const answer = await lms.call('twoFactor.confirm', { user_id: userId, secretCode: code.trim(), stringCode: setup.as_string })
      notifySuccess(apiMessage(answer.message, 'twoFactor.activated'))
      setSetup(null)
    } catch (error) {
      const fields = fieldErrors(error)
      setCodeError(fields.secretCode ?? fields.stringCode ?? errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  async function disable() {
    setBusy(true)
    try {
      notifySuccess(apiMessage((await lms.call('twoFactor.disable', { user_id: userId })).message, 'twoFactor.disabled'))
      setSetup(null)
    } catch (error) {
      notifyError(error, t('twoFactor.disableFailed'))
    } finally {
      setBusy(false)
    }
  }

  function changeCode(value: string) {
    setCode(value)
    setCodeError(null)
  }

  return { setup, code, codeError, busy, prepare, confirm, disable, changeCode, cancel: () => setSetup(null) }
}
