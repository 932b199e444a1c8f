// Field errors from a 422 for a form: kept per field, cleared when that field changes,
// and the first invalid input gets focus so keyboard and screen reader users land on it.
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage, fieldErrors } from '../lib/errors'

export function useFormErrors(knownFields: readonly string[]) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const [focusToken, setFocusToken] = useState(0)

  useEffect(() => {
    if (!focusToken) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusToken])

  /** Shows what a failed call said: field messages under their inputs, the rest above the form. */
  const showError = useCallback(
    (error: unknown) => {
      const fields = fieldErrors(error)
      const known = Object.fromEntries(Object.entries(fields).filter(([k]) => knownFields.includes(k)))
      const unknown = Object.entries(fields).filter(([k]) => !knownFields.includes(k))
      setErrors(known)
      if (Object.keys(known).length && !unknown.length) setFormError('Please correct the highlighted fields.')
      else setFormError(unknown.length ? unknown.map(([, m]) => m).join(' ') : errorMessage(error))
      setFocusToken((n) => n + 1)
    },
    [knownFields],
  )

  const clearField = useCallback((field: string) => {
    setErrors((e) => {
      if (!(field in e)) return e
      const { [field]: _removed, ...rest } = e
      return rest
    })
  }, [])

  const reset = useCallback(() => {
    setErrors({})
    setFormError(null)
  }, [])

  return { errors, formError, showError, clearField, reset, formRef }
}
