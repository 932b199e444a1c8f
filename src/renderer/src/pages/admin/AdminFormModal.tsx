// The create and edit form of every admin group, built from the group's field list. What
// the user typed stays when the engine answers with field errors; every message appears
// under its input at once and the first invalid input takes focus. Closing or leaving with
// unsaved changes asks first.
import { Group, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { fetchLms } from '../../data/queries'
import { DateField } from '../../components/DateField'
import { FormModal } from '../../components/FormModal'
import { ServerSearchMultiSelect } from '../../components/ServerSearchSelect'
import { RecordFormBody } from '../../components/RecordFormBody'
import { useRecordForm, type RecordEditing } from '../../hooks/useRecordForm'
import { notifySuccess } from '../../lib/notify'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import type { AdminField, AdminForm, AdminGroup, FormValues, LooseCall, Option } from './adminConfig'

export type AdminEditing = RecordEditing<{ scope: string }>

const call = lms.call as unknown as LooseCall
const read = fetchLms as unknown as LooseCall

interface Props {
  /** The group, as the catalog's "New {group}" messages name it. */
  group: AdminGroup
  form: AdminForm
  editing: AdminEditing
  onClose(): void
  /** `name` is what the record is called (its first field: title, code, name). */
  onSaved(saved: { created: boolean; name: string }): void
}

export function AdminFormModal({ group, form, editing, onClose, onSaved }: Props) {
  const t = useT()
  const fieldNames = useMemo(() => form.fields.map((f) => f.name), [form])
  const record = useRecordForm<unknown, FormValues, { scope: string }>(editing, {
    fields: fieldNames,
    empty: {},
    blank: (creating) => form.blank(creating.scope),
    load: (id) => read(form.operations.get, { id }),
    toValues: (loaded) => form.toValues(loaded),
  })
  const { values, set, errors, checkBeforeSend, editId, shownId, guard } = record

  function submit(event: FormEvent) {
    event.preventDefault()
    void record.save(async () => {
      const input = editId === null ? form.toInput(values) : { ...form.toInput(values), id: editId }
      const operation = editId === null ? form.operations.create : form.operations.update
      if (!(await checkBeforeSend(operation, input))) return
      const result = (await call(operation, input)) as { message?: string }
      notifySuccess(apiMessage(result.message, 'admin.savedBody'), editId === null ? t('admin.createdTitle', { group }) : t('admin.changesSaved'))
      const first = values[form.fields[0]?.name ?? '']
      onSaved({ created: editId === null, name: typeof first === 'string' ? first.trim() : '' })
    })
  }

  const title = shownId === null ? t('admin.new', { group }) : t('admin.edit', { group })
  return (
    <FormModal opened={editing !== null} onClose={onClose} guard={guard} subject={t('admin.subject', { group })} title={title} size="lg">
      <RecordFormBody form={record} title={title} loadingLabel={t('admin.loading', { group })} loadFailedTitle={t('admin.loadFailed', { group })} submitLabel={shownId === null ? t('admin.create', { group }) : t('common.saveChanges')} onSubmit={submit} onCancel={onClose}>
        {form.fields
          .filter((f) => !f.visibleWhen || f.visibleWhen(values))
          .map((field, i) => (
            <FieldInput
              key={field.name}
              field={field}
              value={values[field.name] ?? (field.kind === 'multiselect' ? [] : '')}
              error={errors[field.name]}
              disabled={Boolean(field.createOnly && shownId !== null)}
              autoFocus={i === 0}
              onChange={(v) => set(field.name, v)}
            />
          ))}
      </RecordFormBody>
    </FormModal>
  )
}

function useOptions(field: AdminField): Option[] {
  const [loaded, setLoaded] = useState<Option[]>([])
  const t = useT()
  const source = field.options
  useEffect(() => {
    if (typeof source !== 'function') return
    let current = true
    source()
      .then((o) => current && setLoaded(o))
      .catch(() => current && setLoaded([]))
    return () => {
      current = false
    }
  }, [source])
  return typeof source === 'function' ? loaded : (source ?? []).map((o) => ({ value: o.value, label: t(o.label) }))
}

interface FieldInputProps {
  field: AdminField
  value: string | string[]
  error?: string
  disabled: boolean
  autoFocus: boolean
  onChange(value: string | string[]): void
}

function FieldInput({ field, value, error, disabled, autoFocus, onChange }: FieldInputProps) {
  const options = useOptions(field)
  const t = useT()
  const common = {
    name: field.name,
    label: t(field.label),
    description: field.description && t(field.description),
    required: field.required,
    error,
    disabled,
    'data-autofocus': autoFocus || undefined,
  }
  const text = typeof value === 'string' ? value : ''
  switch (field.kind) {
    case 'textarea':
      return <Textarea {...common} autosize minRows={3} maxRows={10} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
    case 'number':
      return <NumberInput {...common} value={text} onChange={(v) => onChange(String(v))} allowNegative={false} hideControls />
    case 'date':
      return <DateField {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
    case 'select':
      return (
        <Select
          {...common}
          data={options}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          allowDeselect={!field.required}
          searchable
          leftSection={field.renderOption && text ? field.renderOption(text) : undefined}
          renderOption={
            field.renderOption &&
            (({ option }) => (
              <Group gap="xs" wrap="nowrap">
                {field.renderOption?.(option.value)}
                <span>{option.label}</span>
              </Group>
            ))
          }
        />
      )
    case 'multiselect':
      if (field.picker) {
        const { search, labelsOf, noun } = field.picker
        return <ServerSearchMultiSelect {...common} autoFocus={autoFocus} values={Array.isArray(value) ? value : []} onChange={onChange} search={search} labelsOf={labelsOf} noun={noun} />
      }
      return <MultiSelect {...common} data={options} value={Array.isArray(value) ? value : []} onChange={onChange} searchable clearable />
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} autoComplete="off" />
  }
}
