// The template editor: page size, background, the fields on the page (drag to move and
// resize), the selected field's properties, and a live PDF preview with sample data or a
// real learner of a course.
import { Alert, Button, FileButton, Grid, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { BinaryAnswer } from '../../../../shared/contract/binary'
import { CERTIFICATE_FONTS, type CertificateField, type CertificateTemplateData } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { DiscardChangesDialog } from '../../components/DiscardChangesDialog'
import { ServerSearchSelect, type PickerPage } from '../../components/ServerSearchSelect'
import { useLoad } from '../../hooks/useLoad'
import { changedFrom, useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { errorMessage } from '../../lib/errors'
import { uploadedFileView } from '../../lib/files'
import { notifyError, notifySuccess } from '../../lib/notify'
import { FieldCanvas } from './FieldCanvas'
import { FieldProperties } from './FieldProperties'
import { PdfPreview } from './PdfPreview'

interface TemplateEditorProps {
  templateId: number | null
  onClose(): void
  onSaved(id: number): void
}

const EMPTY: CertificateTemplateData = { name: '', bg_url: null, width: 1075, height: 680, fields: [] }

function newField(key: string, label: string, template: CertificateTemplateData): CertificateField {
  const width = Math.min(400, template.width)
  return { key, value: label, font_size: 20, align_center: true, font_family: 'Arial', font_color: '#222222', top: Math.round(template.height / 2 - 20), left: Math.round((template.width - width) / 2), width, height: 40 }
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

export function TemplateEditor({ templateId, onClose, onSaved }: TemplateEditorProps) {
  const loaded = useLoad(() => (templateId ? lms.call('certificateTemplates.get', { id: templateId }) : Promise.resolve(EMPTY)), templateId)
  const keys = useLoad(() => lms.call('certificateTemplates.keysLookup', {}))
  const courses = useLoad(() => lms.call('courses.lookup', {}))
  const [draft, setDraft] = useState<CertificateTemplateData | null>(null)
  // The template as loaded or last saved: leaving with a draft that differs asks first.
  const [saved, setSaved] = useState<CertificateTemplateData | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [previewCourse, setPreviewCourse] = useState<string | null>(null)
  const [previewLearner, setPreviewLearner] = useState<string | null>(null)
  // A course's learners, searched on the server: a course can have tens of thousands.
  const searchLearners = async (text: string): Promise<PickerPage> => {
    if (!previewCourse) return { options: [], total: 0 }
    const page = await lms.call('certificates.candidates', { courseId: Number(previewCourse), page_size: 20, page_number: 1, search_param: text ? { nameOrEmail: text } : undefined })
    return { total: page.recordsFiltered, options: page.records.map((l) => ({ value: String(l.userId), label: `${l.name} (${l.status})` })) }
  }

  useEffect(() => {
    if (loaded.data) {
      setDraft(structuredClone(loaded.data))
      setSaved(structuredClone(loaded.data))
      setSelected(loaded.data.fields.length ? 0 : null)
    }
  }, [loaded.data])

  const labels = useMemo(() => Object.fromEntries((keys.data ?? []).map((k) => [k.db_value, k.display_value])), [keys.data])
  const keyOptions = useMemo(() => (keys.data ?? []).map((k) => ({ value: k.db_value, label: k.display_value })), [keys.data])

  // The live preview: the draft as it is now, a moment after the last change.
  const [preview, setPreview] = useState<{ answer: BinaryAnswer | null; loading: boolean; error: string | null }>({ answer: null, loading: false, error: null })
  const request = useRef(0)
  useEffect(() => {
    if (!draft) return
    const id = ++request.current
    setPreview((p) => ({ ...p, loading: true }))
    const timer = setTimeout(() => {
      const subject = previewCourse && previewLearner ? { courseId: Number(previewCourse), userId: Number(previewLearner) } : {}
      lms
        .call('certificates.previewDraft', { template: { ...draft, name: draft.name || 'Untitled' }, ...subject })
        .then((answer) => id === request.current && setPreview({ answer, loading: false, error: null }))
        .catch((e: unknown) => id === request.current && setPreview((p) => ({ ...p, loading: false, error: errorMessage(e) })))
    }, 400)
    return () => clearTimeout(timer)
  }, [draft, previewCourse, previewLearner])

  const guard = useUnsavedChanges(draft !== null && changedFrom(saved, draft))

  if (loaded.error) return <Alert color="red" title="The template could not be opened" role="alert">{loaded.error}</Alert>
  if (!draft) return <Text size="sm">Loading the template…</Text>

  const update = (patch: Partial<CertificateTemplateData>) => setDraft((d) => (d ? { ...d, ...patch } : d))
  const changeField = (index: number, patch: Partial<CertificateField>) =>
    setDraft((d) => (d ? { ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) } : d))
  const background = draft.bg_url ? uploadedFileView(draft.bg_url).href : null

  async function save() {
    if (!draft) return
    setSaving(true)
    setSaveError(null)
    try {
      const body = { ...draft, fields: draft.fields }
      const answer = templateId ? await lms.call('certificateTemplates.update', { id: templateId, ...body }) : await lms.call('certificateTemplates.create', body)
      setSaved(structuredClone(body))
      notifySuccess(`"${draft.name}" was saved.`)
      onSaved(answer.id)
    } catch (e) {
      setSaveError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  async function uploadBackground(file: File | null) {
    if (!file) return
    try {
      const stored = await lms.call('certificates.uploadBackground', { file: { name: file.name, contentBase64: await fileToBase64(file) } })
      update({ bg_url: stored.url })
      notifySuccess(`Background set (${stored.width}×${stored.height} pixels).`)
    } catch (e) {
      notifyError(e, 'The background was not set')
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {templateId ? `Edit template: ${loaded.data?.name ?? ''}` : 'New template'}
        </Title>
        <Group gap="sm">
          <Button variant="default" onClick={() => guard.confirmDiscard(onClose)}>
            Back to templates
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            Save template
          </Button>
        </Group>
      </Group>
      {saveError && (
        <Alert color="red" title="The template was not saved" role="alert">
          {saveError}
        </Alert>
      )}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Template name" required value={draft.name} onChange={(e) => update({ name: e.currentTarget.value })} w={260} />
        <NumberInput label="Page width" min={50} max={5000} value={draft.width} onChange={(v) => typeof v === 'number' && update({ width: v })} w={120} />
        <NumberInput label="Page height" min={50} max={5000} value={draft.height} onChange={(v) => typeof v === 'number' && update({ height: v })} w={120} />
        <FileButton onChange={(f) => void uploadBackground(f)} accept="image/png,image/jpeg">
          {(props) => (
            <Button variant="light" {...props}>
              Background image…
            </Button>
          )}
        </FileButton>
        {draft.bg_url && (
          <Button variant="subtle" color="red" onClick={() => update({ bg_url: null })}>
            Remove background
          </Button>
        )}
      </Group>
      {draft.bg_url && !background && (
        <Text size="sm" c="dimmed">
          The background comes from {draft.bg_url}; the PDF preview shows it (a copy is kept for offline use once it has been fetched).
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xs">
            <Group gap="xs">
              <Select
                aria-label="Field to add"
                placeholder="Add a field…"
                data={keyOptions}
                value={null}
                onChange={(v) => {
                  if (!v) return
                  setDraft((d) => (d ? { ...d, fields: [...d.fields, newField(v, labels[v] ?? v, d)] } : d))
                  setSelected(draft.fields.length)
                }}
                w={260}
              />
              <Text size="xs" c="dimmed">
                Drag a box to move it, its corner to resize it; or focus it and use the arrow keys (Shift: 10 points, Alt: resize).
              </Text>
            </Group>
            <FieldCanvas
              width={draft.width}
              height={draft.height}
              background={background}
              fields={draft.fields}
              labels={labels}
              selected={selected}
              onSelect={setSelected}
              onChange={changeField}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {selected !== null && draft.fields[selected] ? (
            <FieldProperties
              field={draft.fields[selected]}
              keys={keyOptions}
              fonts={[...CERTIFICATE_FONTS]}
              onChange={(patch) => changeField(selected, patch)}
              onRemove={() => {
                setDraft((d) => (d ? { ...d, fields: d.fields.filter((_, i) => i !== selected) } : d))
                setSelected(null)
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Select a field on the page to change it, or add one.
            </Text>
          )}
        </Grid.Col>
      </Grid>
      <Title order={3} size="h4">
        Preview
      </Title>
      <Group gap="sm" align="flex-end">
        <Select
          label="Preview for a learner of"
          placeholder="Sample data"
          clearable
          searchable
          data={(courses.data ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
          value={previewCourse}
          onChange={(v) => {
            setPreviewCourse(v)
            setPreviewLearner(null)
          }}
          w={280}
        />
        <ServerSearchSelect
          label="Learner"
          placeholder={previewCourse ? 'Choose a learner' : 'Choose a course first'}
          disabled={!previewCourse}
          noun={['learner', 'learners']}
          search={searchLearners}
          scope={previewCourse}
          value={previewLearner}
          onChange={setPreviewLearner}
          w={280}
        />
      </Group>
      <PdfPreview answer={preview.answer} loading={preview.loading} error={preview.error} title="Certificate preview (PDF)" />
      <DiscardChangesDialog dialog={guard.dialog} subject="the template" />
    </Stack>
  )
}
