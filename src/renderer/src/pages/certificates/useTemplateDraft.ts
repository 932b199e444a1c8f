// The template being edited: the draft, the template as loaded or last saved (leaving with a
// draft that differs asks first), the field selected, and saving it.
import { useEffect, useRef, useState } from 'react'
import type { CertificateField, CertificateTemplateData } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { notifySuccess } from '../../lib/notify'

function newField(key: string, label: string, template: CertificateTemplateData): CertificateField {
  const width = Math.min(400, template.width)
  return { key, value: label, font_size: 20, align_center: true, font_family: 'Arial', font_color: '#222222', top: Math.round(template.height / 2 - 20), left: Math.round((template.width - width) / 2), width, height: 40 }
}

export function useTemplateDraft(templateId: number | null, loaded: CertificateTemplateData | null | undefined, onSaved: (id: number) => void) {
  const [draft, setDraft] = useState<CertificateTemplateData | null>(null)
  const [saved, setSaved] = useState<CertificateTemplateData | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const t = useT()

  // The draft starts from the template once per template: a change made elsewhere meanwhile does not replace the editing.
  const started = useRef<number | null | undefined>(undefined)
  useEffect(() => {
    if (loaded && started.current !== templateId) {
      started.current = templateId
      setDraft(structuredClone(loaded))
      setSaved(structuredClone(loaded))
      setSelected(loaded.fields.length ? 0 : null)
    }
  }, [loaded, templateId])

  const update = (patch: Partial<CertificateTemplateData>) => setDraft((d) => (d ? { ...d, ...patch } : d))
  const changeField = (index: number, patch: Partial<CertificateField>) =>
    setDraft((d) => (d ? { ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) } : d))
  /** Adds a field for `key` in the middle of the page, selected. */
  const addField = (key: string, label: string) => {
    if (!draft) return
    setDraft((d) => (d ? { ...d, fields: [...d.fields, newField(key, label, d)] } : d))
    setSelected(draft.fields.length)
  }
  const removeField = (index: number) => {
    setDraft((d) => (d ? { ...d, fields: d.fields.filter((_, i) => i !== index) } : d))
    setSelected(null)
  }

  async function save() {
    if (!draft) return
    setSaving(true)
    setSaveError(null)
    try {
      const body = { ...draft, fields: draft.fields }
      const answer = templateId ? await lms.call('certificateTemplates.update', { id: templateId, ...body }) : await lms.call('certificateTemplates.create', body)
      setSaved(structuredClone(body))
      notifySuccess(t('certs.editor.saved', { name: draft.name }))
      onSaved(answer.id)
    } catch (e) {
      setSaveError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return { draft, saved, selected, setSelected, update, changeField, addField, removeField, save, saving, saveError }
}
