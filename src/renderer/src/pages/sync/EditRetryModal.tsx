// Correct a parked change's input, field by field, and send it again. Only the fields the
// user changed are sent (sync.retry merges them into the stored input); hidden values such
// as passwords are shown masked and kept as they are.
import { Alert, Code, Modal, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Operation } from '../../../../shared/contract/operation'
import { REDACTED } from '../../../../shared/contract/redaction'
import { operationsByName } from '../../../../shared/operations/index'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { useFormErrors } from '../../hooks/useFormErrors'
import { describeRecord } from './format'
import { useT } from '../../i18n'
import { FormButtons } from '../../components/FormButtons'

type Kind = 'text' | 'number' | 'boolean' | 'json' | 'secret' | 'reference'

interface Field {
  key: string
  kind: Kind
  original: unknown
  /** For JSON fields: the reference fields inside (local ids sync translates), to keep as they are. */
  nestedRefs: string[]
}

/** Input paths that hold ids of records on this computer (`id`, `studentIds`, `modules[].module_id`). */
function referencePaths(operation: string): string[] {
  const op = operationsByName.get(operation) as Operation | undefined
  return op?.kind === 'write' && op.sync ? Object.keys(op.sync.refs) : []
}

function kindOf(value: unknown, key: string, refs: string[]): Kind {
  if (value === REDACTED) return 'secret'
  if (refs.includes(key)) return 'reference'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  return 'json'
}

function toText(field: Field): string {
  if (field.kind === 'text') return field.original as string
  if (field.kind === 'number') return String(field.original)
  if (field.kind === 'json') return JSON.stringify(field.original ?? null, null, 2)
  return ''
}

interface Props {
  record: ParkedRecord | null
  onClose(): void
  /** Resolves true when the retry was accepted, or with the error it failed with. */
  onRetry(record: ParkedRecord, input: Record<string, unknown> | undefined): Promise<true | unknown>
}

export function EditRetryModal({ record, onClose, onRetry }: Props) {
  const t = useT()
  // What the modal shows while it closes: the last record, not an empty form.
  const shown = useRef<ParkedRecord | null>(null)
  if (record) shown.current = record
  const current = record ?? shown.current

  const fields = useMemo<Field[]>(() => {
    const input = current?.input
    if (!input || typeof input !== 'object' || Array.isArray(input)) return []
    const refs = referencePaths(current.operation)
    return Object.entries(input as Record<string, unknown>).map(([key, original]) => ({
      key,
      kind: kindOf(original, key, refs),
      original,
      nestedRefs: refs.filter((r) => r.startsWith(`${key}[].`) || r.startsWith(`${key}.`)).map((r) => r.slice(r.lastIndexOf('.') + 1)),
    }))
  }, [current])
  const keys = useMemo(() => fields.map((f) => f.key), [fields])
  const firstEditable = fields.find((f) => f.kind === 'text' || f.kind === 'number' || f.kind === 'json')?.key

  const [texts, setTexts] = useState<Record<string, string>>({})
  const [flags, setFlags] = useState<Record<string, boolean>>({})
  const [saving, setSaving] = useState(false)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(keys)
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (!record) return
    reset()
    setLocalErrors({})
    setTexts(Object.fromEntries(fields.filter((f) => f.kind !== 'boolean').map((f) => [f.key, toText(f)])))
    setFlags(Object.fromEntries(fields.filter((f) => f.kind === 'boolean').map((f) => [f.key, f.original as boolean])))
  }, [record, fields, reset])

  const setText = (key: string, value: string) => {
    setTexts((t) => ({ ...t, [key]: value }))
    clearField(key)
    setLocalErrors(({ [key]: _gone, ...rest }) => rest)
  }

  /** The changed fields with their typed values, or the per-field parse errors. */
  function changes(): { input: Record<string, unknown>; problems: Record<string, string> } {
    const input: Record<string, unknown> = {}
    const problems: Record<string, string> = {}
    for (const f of fields) {
      if (f.kind === 'secret' || f.kind === 'reference') continue
      if (f.kind === 'boolean') {
        if (flags[f.key] !== f.original) input[f.key] = flags[f.key]
        continue
      }
      const text = texts[f.key] ?? ''
      if (text === toText(f)) continue
      if (f.kind === 'text') input[f.key] = text
      else if (f.kind === 'number') {
        const n = Number(text.trim())
        if (text.trim() === '' || !Number.isFinite(n)) problems[f.key] = t('editRetry.number')
        else input[f.key] = n
      } else {
        try {
          input[f.key] = JSON.parse(text) as unknown
        } catch {
          problems[f.key] = t('editRetry.json')
        }
      }
    }
    return { input, problems }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!record) return
    const { input, problems } = changes()
    if (Object.keys(problems).length) {
      setLocalErrors(problems)
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setSaving(true)
    const outcome = await onRetry(record, Object.keys(input).length ? input : undefined)
    setSaving(false)
    if (outcome !== true) showError(outcome)
  }

  const title = current ? t('editRetry.titleFor', { what: describeRecord(current) }) : t('editRetry.title')
  return (
    <Modal opened={record !== null} onClose={saving ? () => undefined : onClose} title={title} size="lg">
      {current && (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={t('editRetry.title')}>
          <Stack gap="sm">
            <Alert color="red" variant="light" title={t('editRetry.said')}>
              {current.reason || t('parked.noReason')}
            </Alert>
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            {fields.length === 0 ? (
              <Text size="sm">
                {t.rich('editRetry.noFields', { input: <Code>{JSON.stringify(current.input)}</Code> })}
              </Text>
            ) : (
              fields.map((f) => {
                const error = localErrors[f.key] ?? errors[f.key]
                if (f.kind === 'secret')
                  return <TextInput key={f.key} label={f.key} value={REDACTED} readOnly disabled description={t('editRetry.hidden')} />
                if (f.kind === 'reference')
                  return (
                    <TextInput
                      key={f.key}
                      label={f.key}
                      value={JSON.stringify(f.original)}
                      readOnly
                      disabled
                      description={t('editRetry.reference')}
                    />
                  )
                if (f.kind === 'boolean')
                  return (
                    <Switch
                      key={f.key}
                      label={f.key}
                      checked={flags[f.key] ?? false}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked
                        setFlags((v) => ({ ...v, [f.key]: checked }))
                      }}
                      error={error}
                    />
                  )
                if (f.kind === 'json')
                  return (
                    <Textarea
                      key={f.key}
                      label={f.key}
                      description={f.nestedRefs.length ? t('editRetry.jsonKeep', { fields: f.nestedRefs.join(', ') }) : t('editRetry.jsonHelp')}
                      autosize
                      minRows={1}
                      maxRows={8}
                      ff="monospace"
                      value={texts[f.key] ?? ''}
                      onChange={(e) => setText(f.key, e.currentTarget.value)}
                      error={error}
                      data-autofocus={f.key === firstEditable || undefined}
                    />
                  )
                return (
                  <TextInput
                    key={f.key}
                    label={f.key}
                    inputMode={f.kind === 'number' ? 'decimal' : undefined}
                    value={texts[f.key] ?? ''}
                    onChange={(e) => setText(f.key, e.currentTarget.value)}
                    error={error}
                    autoComplete="off"
                    data-autofocus={f.key === firstEditable || undefined}
                  />
                )
              })
            )}
            <Text size="xs" c="dimmed">
              {t('editRetry.onlyChanged')}
            </Text>
            <FormButtons submitLabel={t('editRetry.save')} busy={saving} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  )
}
