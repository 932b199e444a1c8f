// The template editor: page size, background, the fields on the page (drag to move and
// resize), the selected field's properties, and a live PDF preview with sample data or a
// real learner of a course.
import { Alert, Button, FileButton, Grid, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import type { BinaryAnswer } from '../../../../shared/contract/binary'
import { CERTIFICATE_FONTS, type CertificateField, type CertificateTemplateData } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { DiscardChangesDialog } from '../../components/DiscardChangesDialog'
import { ServerSearchSelect, type PickerPage } from '../../components/ServerSearchSelect'
import { changedFrom, useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { errorMessage } from '../../lib/errors'
import { uploadedFileView } from '../../lib/files'
import { notifyError, notifySuccess } from '../../lib/notify'
import { searchCourses } from '../../lib/pickers'
import { FieldCanvas } from './FieldCanvas'
import { FieldProperties } from './FieldProperties'
import { PdfPreview } from './PdfPreview'
import { lmsRead, useLmsQuery } from '../../data/queries'
import { enrollmentStatusText } from '../courses/enrolledColumns'
import { useLocale, useT, type MessageId } from '../../i18n'

interface TemplateEditorProps {
  templateId: number | null
  onClose(): void
  onSaved(id: number): void
}

/** The certificate keys as the trainer's language names them (custom user fields by their own labels). */
const KEY_LABELS: Record<string, MessageId> = {
  student_first_name: 'certs.key.student_first_name',
  student_last_name: 'certs.key.student_last_name',
  student_full_name: 'certs.key.student_full_name',
  course_name: 'certs.key.course_name',
  issue_date: 'certs.key.issue_date',
  expiry_date: 'certs.key.expiry_date',
  instructor_name: 'certs.key.instructor_name',
  certificate_code: 'certs.key.certificate_code',
  course_credit: 'certs.key.course_credit',
  custom_text: 'certs.key.custom_text',
  certificate_qr_code: 'certs.key.certificate_qr_code',
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

/** Every course of the site: searched on the server, 20 offered at a time. */
const searchAllCourses = searchCourses()

export function TemplateEditor({ templateId, onClose, onSaved }: TemplateEditorProps) {
  const template = useLmsQuery('certificateTemplates.get', { id: templateId ?? 0 }, { enabled: Boolean(templateId) })
  const loaded = templateId ? template : { ...template, data: EMPTY }
  const keys = useLmsQuery('certificateTemplates.keysLookup', {})
  const [draft, setDraft] = useState<CertificateTemplateData | null>(null)
  // The template as loaded or last saved: leaving with a draft that differs asks first.
  const [saved, setSaved] = useState<CertificateTemplateData | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [previewCourse, setPreviewCourse] = useState<string | null>(null)
  const [previewLearner, setPreviewLearner] = useState<string | null>(null)
  const t = useT()
  // A course's learners, searched on the server: a course can have tens of thousands.
  // (The picker is disabled, and asks nothing, until a course is chosen.)
  const searchLearners = (text: string) =>
    lmsRead(
      'certificates.candidates',
      { courseId: Number(previewCourse), page_size: 20, page_number: 1, search_param: text ? { nameOrEmail: text } : undefined },
      (page): PickerPage => ({ total: page.recordsFiltered, options: page.records.map((l) => ({ value: String(l.userId), label: t('certs.editor.candidate', { name: l.name, status: enrollmentStatusText(l.status) }) })) }),
    )

  // The draft starts from the template once per template: a change made elsewhere meanwhile does not replace the editing.
  const started = useRef<number | null | undefined>(undefined)
  useEffect(() => {
    if (loaded.data && started.current !== templateId) {
      started.current = templateId
      setDraft(structuredClone(loaded.data))
      setSaved(structuredClone(loaded.data))
      setSelected(loaded.data.fields.length ? 0 : null)
    }
  }, [loaded.data, templateId])

  const keyLabel = (k: { db_value: string; display_value: string }) => (KEY_LABELS[k.db_value] ? t(KEY_LABELS[k.db_value]) : k.display_value)
  const labels = Object.fromEntries((keys.data ?? []).map((k) => [k.db_value, keyLabel(k)]))
  const keyOptions = (keys.data ?? []).map((k) => ({ value: k.db_value, label: keyLabel(k) }))

  // The live preview: the draft as it is now, a moment after the last change.
  const [preview, setPreview] = useState<{ answer: BinaryAnswer | null; loading: boolean; error: string | null }>({ answer: null, loading: false, error: null })
  const request = useRef(0)
  // The dates on the preview are in the app's language; switching it draws the page again.
  const locale = useLocale()
  useEffect(() => {
    if (!draft) return
    const id = ++request.current
    setPreview((p) => ({ ...p, loading: true }))
    // A preview the draft has moved past is cancelled: the engine stops drawing it at its next page.
    const stale = new AbortController()
    const timer = setTimeout(() => {
      const subject = previewCourse && previewLearner ? { courseId: Number(previewCourse), userId: Number(previewLearner) } : {}
      lms
        .call('certificates.previewDraft', { template: { ...draft, name: draft.name || t('certs.editor.untitled') }, ...subject, locale }, { signal: stale.signal })
        .then((answer) => id === request.current && setPreview({ answer, loading: false, error: null }))
        .catch((e: unknown) => id === request.current && setPreview((p) => ({ ...p, loading: false, error: errorMessage(e) })))
    }, 400)
    return () => {
      clearTimeout(timer)
      stale.abort()
    }
  }, [draft, previewCourse, previewLearner, locale])

  const guard = useUnsavedChanges(draft !== null && changedFrom(saved, draft))

  if (loaded.error) return <Alert color="red" title={t('certs.editor.openFailed')} role="alert">{loaded.error}</Alert>
  if (!draft) return <Text size="sm">{t('certs.editor.loading')}</Text>

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
      notifySuccess(t('certs.editor.saved', { name: draft.name }))
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
      notifySuccess(t('certs.editor.backgroundSet', { width: stored.width, height: stored.height }))
    } catch (e) {
      notifyError(e, t('certs.editor.backgroundFailed'))
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {templateId ? t('certs.editor.editTitle', { name: loaded.data?.name ?? '' }) : t('certs.editor.newTitle')}
        </Title>
        <Group gap="sm">
          <Button variant="default" onClick={() => guard.confirmDiscard(onClose)}>
            {t('certs.editor.back')}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {t('certs.editor.save')}
          </Button>
        </Group>
      </Group>
      {saveError && (
        <Alert color="red" title={t('certs.editor.saveFailed')} role="alert">
          {saveError}
        </Alert>
      )}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label={t('certs.editor.name')} required value={draft.name} onChange={(e) => update({ name: e.currentTarget.value })} w={260} />
        <NumberInput label={t('certs.editor.width')} min={50} max={5000} value={draft.width} onChange={(v) => typeof v === 'number' && update({ width: v })} w={120} />
        <NumberInput label={t('certs.editor.height')} min={50} max={5000} value={draft.height} onChange={(v) => typeof v === 'number' && update({ height: v })} w={120} />
        <FileButton onChange={(f) => void uploadBackground(f)} accept="image/png,image/jpeg">
          {(props) => (
            <Button variant="light" {...props}>
              {t('certs.editor.background')}
            </Button>
          )}
        </FileButton>
        {draft.bg_url && (
          <Button variant="subtle" color="red" onClick={() => update({ bg_url: null })}>
            {t('certs.editor.removeBackground')}
          </Button>
        )}
      </Group>
      {draft.bg_url && !background && (
        <Text size="sm" c="dimmed">
          {t.rich('certs.editor.remoteBackground', { url: <bdi>{draft.bg_url}</bdi> })}
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xs">
            <Group gap="xs">
              <Select
                aria-label={t('certs.editor.addField')}
                placeholder={t('certs.editor.addFieldPlaceholder')}
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
                {t('certs.editor.dragHelp')}
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
              {t('certs.editor.selectHelp')}
            </Text>
          )}
        </Grid.Col>
      </Grid>
      <Title order={3} size="h4">
        {t('certs.editor.preview')}
      </Title>
      <Group gap="sm" align="flex-end">
        <ServerSearchSelect
          label={t('certs.editor.previewFor')}
          placeholder={t('certs.editor.sample')}
          noun="course"
          search={searchAllCourses}
          value={previewCourse}
          onChange={(v) => {
            setPreviewCourse(v)
            setPreviewLearner(null)
          }}
          w={280}
        />
        <ServerSearchSelect
          label={t('certs.editor.learner')}
          placeholder={previewCourse ? t('certs.editor.chooseLearner') : t('certs.editor.courseFirst')}
          disabled={!previewCourse}
          noun="learner"
          search={searchLearners}
          value={previewLearner}
          onChange={setPreviewLearner}
          w={280}
        />
      </Group>
      <PdfPreview answer={preview.answer} loading={preview.loading} error={preview.error} title={t('certs.editor.previewTitle')} />
      <DiscardChangesDialog dialog={guard.dialog} subject={t('certs.editor.subject')} />
    </Stack>
  )
}
