// A walk-in with no account yet: the user is created and enrolled in one step.
import { useState } from 'react'
import { lms } from '../../api/client'
import { errorMessage, fieldErrors } from '../../lib/errors'
import type { ArrivalStatus } from './ArrivalStatusChoice'

const emptyForm = () => ({ firstName: '', lastName: '', email: '' })

/** The account needs a password; the walk-in sets their own later (reset by email on the hosted LMS). */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return btoa(String.fromCharCode(...bytes))
}

export type NewWalkIn = ReturnType<typeof useNewWalkIn>

export function useNewWalkIn(classId: number, status: ArrivalStatus, onAdded: (name: string, status: ArrivalStatus) => void) {
  const [form, setForm] = useState(emptyForm)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)

  const createAndEnroll = async () => {
    setCreating(true)
    setErrors({})
    setFormError(null)
    try {
      const password = randomPassword()
      const { id } = await lms.call('users.create', { ...form, password, password_confirmation: password })
      await lms.call('attendance.addWalkIn', { classId, userId: id, status })
      onAdded(`${form.firstName} ${form.lastName}`.trim(), status)
    } catch (e) {
      const fields = fieldErrors(e)
      setErrors(fields)
      if (Object.keys(fields).length === 0) setFormError(errorMessage(e))
    } finally {
      setCreating(false)
    }
  }

  const reset = () => {
    setForm(emptyForm())
    setErrors({})
    setFormError(null)
  }

  return { form, setForm, errors, formError, creating, createAndEnroll, reset }
}
