// The edit-and-retry form's values: texts and switches start from the record's input each
// time a record opens; a field's errors clear as it changes; submitting sends only what
// changed, or shows what does not read and focuses it.
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useT, type MessageId } from '../../i18n'
import { fieldErrors, errorMessage } from '../../lib/errors'
import { changedInput, foldNestedErrors, toText, type Problem, type RetryField } from './retryFields'

const PROBLEM_TEXT: Record<Problem, MessageId> = { number: 'editRetry.number', json: 'editRetry.json' }

/** `onRetry` resolves true when the retry was accepted, or with the error it failed with. */
export function useRetryForm(record: ParkedRecord | null, fields: RetryField[], onRetry: (record: ParkedRecord, input: Record<string, unknown> | undefined) => Promise<true | unknown>) {
  const keys = useMemo(() => fields.map((f) => f.key), [fields])
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [flags, setFlags] = useState<Record<string, boolean>>({})
  const [saving, setSaving] = useState(false)
  const { errors, formError, showFields, clearField, reset, formRef } = useFormErrors(keys)
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({})
  const t = useT()

  useEffect(() => {
    if (!record) return
    reset()
    setLocalErrors({})
    setTexts(Object.fromEntries(fields.filter((f) => f.kind !== 'boolean').map((f) => [f.key, toText(f)])))
    setFlags(Object.fromEntries(fields.filter((f) => f.kind === 'boolean').map((f) => [f.key, f.original as boolean])))
  }, [record, fields, reset])

  const setText = (key: string, value: string) => {
    setTexts((v) => ({ ...v, [key]: value }))
    clearField(key)
    setLocalErrors(({ [key]: _gone, ...rest }) => rest)
  }
  const setFlag = (key: string, checked: boolean) => setFlags((v) => ({ ...v, [key]: checked }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!record) return
    const { input, problems } = changedInput(fields, texts, flags)
    if (Object.keys(problems).length) {
      setLocalErrors(Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, t(PROBLEM_TEXT[problem])])))
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setSaving(true)
    const outcome = await onRetry(record, Object.keys(input).length ? input : undefined)
    setSaving(false)
    if (outcome !== true) showFields(foldNestedErrors(fieldErrors(outcome), keys), errorMessage(outcome))
  }

  const errorOf = (key: string): string | undefined => localErrors[key] ?? errors[key]
  return { texts, flags, setText, setFlag, saving, errorOf, formError, formRef, submit }
}
