// The state of a create-and-edit form in a modal: opening it blanks the form (create) or
// loads the record (edit), field errors are kept by useFormErrors, unsaved changes are
// guarded, and saving runs one call at a time with its failure shown on the form.
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../lib/errors'
import { useFormErrors } from './useFormErrors'
import { changedFrom, useUnsavedChanges } from './useUnsavedChanges'

/** Which record a form modal is open for; null while it is closed. */
export type RecordEditing<Create = object> = ({ mode: 'create' } & Create) | { mode: 'edit'; id: number } | null

interface RecordFormOptions<R, V, C> {
  fields: readonly string[]
  /** What the form holds before it first opens. */
  empty: V
  /** The values a create form opens with; `empty` when not given. */
  blank?(creating: { mode: 'create' } & C): V
  load(id: number): Promise<R>
  toValues(record: R): V
}

export function useRecordForm<R, V extends object, C = object>(editing: RecordEditing<C>, options: RecordFormOptions<R, V, C>) {
  const [values, setValues] = useState<V>(options.empty)
  // What the form opened with; null until it has loaded.
  const [initial, setInitial] = useState<V | null>(null)
  const [record, setRecord] = useState<R | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const form = useFormErrors(options.fields)
  const { reset, clearField, showError } = form
  const latest = useRef(options)
  latest.current = options
  const editId = editing?.mode === 'edit' ? editing.id : null
  // What the modal shows while it closes: the last form, not a flash of the create form.
  const shown = useRef<number | null>(null)
  if (editing) shown.current = editId
  const shownId = editing ? editId : shown.current

  useEffect(() => {
    if (!editing) return
    reset()
    setRecord(null)
    setLoadError(null)
    if (editing.mode === 'create') {
      const blank = latest.current.blank?.(editing) ?? latest.current.empty
      setValues(blank)
      setInitial(blank)
      return
    }
    setInitial(null)
    let current = true
    setLoading(true)
    latest.current
      .load(editing.id)
      .then((loaded) => {
        if (!current) return
        const opened = latest.current.toValues(loaded)
        setRecord(loaded)
        setValues(opened)
        setInitial(opened)
      })
      .catch((e: unknown) => current && setLoadError(errorMessage(e)))
      .finally(() => current && setLoading(false))
    return () => {
      current = false
    }
  }, [editing, reset])

  const set = <K extends keyof V>(field: K, value: V[K]) => {
    setValues((v) => ({ ...v, [field]: value }))
    clearField(field as string)
  }

  const guard = useUnsavedChanges(editing !== null && changedFrom(initial, values))

  /** Runs the save; what fails is shown on the form, under its fields where it names them. */
  async function save(run: () => Promise<void>) {
    setSaving(true)
    try {
      await run()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return { ...form, values, setValues, set, record, loading, loadError, saving, save, editId, shownId, guard }
}

export type RecordForm = ReturnType<typeof useRecordForm<unknown, object>>
