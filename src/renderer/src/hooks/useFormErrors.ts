// Field errors for a form: every field's message at once, whether the form found it (a date
// typed only in part, which the input never hands over) or the engine answered it (a 422's
// `errors` map); kept per field, cleared when that field changes, and the first invalid
// input gets focus so keyboard and screen reader users land on it.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OpName } from '../../../shared/operations/index'
import { t } from '../i18n'
import { errorMessage, fieldErrors } from '../lib/errors'
import { schemaErrors } from '../lib/schemaErrors'

export type FieldMessages = Record<string, string>

/** What the inputs know and their values do not say: a date whose day, month or year is missing. */
function inputErrors(form: HTMLFormElement | null): FieldMessages {
  const found: FieldMessages = {}
  if (!form) return found
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name]')) {
    if (!input.validity.badInput || input.disabled) continue
    const label = (input.labels?.[0]?.textContent ?? input.name).replace(/\s*\*\s*$/, '').trim()
    found[input.name] =
      input.type === 'date' ? t('form.dateIncomplete', { label }) : t('form.valueInvalid', { label })
  }
  return found
}

export function useFormErrors(knownFields: readonly string[]) {
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const [focusToken, setFocusToken] = useState(0)

  useEffect(() => {
    if (!focusToken) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusToken])

  /** Shows field messages (and what belongs to no field above the form) all at once. */
  const showFields = useCallback(
    (fields: FieldMessages, fallback = t('form.notSaved')) => {
      const known = Object.fromEntries(Object.entries(fields).filter(([k]) => knownFields.includes(k)))
      const unknown = Object.entries(fields).filter(([k]) => !knownFields.includes(k))
      setErrors(known)
      if (Object.keys(known).length && !unknown.length) setFormError(t('form.correctFields', { count: Object.keys(known).length }))
      else setFormError(unknown.length ? unknown.map(([, m]) => m).join(' ') : fallback)
      setFocusToken((n) => n + 1)
    },
    [knownFields],
  )

  /**
   * Shows what a failed call said: field messages under their inputs, the rest above the
   * form; with `alongside`, the form's own findings are shown in the same map.
   */
  const showError = useCallback(
    (error: unknown, alongside: FieldMessages = {}) => {
      const fields = { ...fieldErrors(error), ...alongside }
      showFields(fields, errorMessage(error))
    },
    [showFields],
  )

  /**
   * Before sending: what the inputs know (a date typed only in part) and the form's own
   * `checks`. If any fails, the operation's own input schema is run here too, so the
   * engine's messages for the other fields come in the same round, and false is returned:
   * nothing is sent while the form knows the input is wrong.
   */
  const checkBeforeSend = useCallback(
    async (operation: OpName, input: unknown, checks: FieldMessages = {}): Promise<boolean> => {
      const own = { ...inputErrors(formRef.current), ...checks }
      if (!Object.keys(own).length) return true
      showFields({ ...(await schemaErrors(operation, input)), ...own })
      return false
    },
    [showFields],
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

  return { errors, formError, showError, showFields, checkBeforeSend, clearField, reset, formRef }
}
