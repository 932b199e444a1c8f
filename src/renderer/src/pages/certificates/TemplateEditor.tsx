// The template editor: page size, background, the fields on the page (drag to move and
// resize), the selected field's properties, and a live PDF preview with sample data or a
// real learner of a course.
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { CertificateTemplateData } from '../../../../shared/operations/certificates'
import { DiscardChangesDialog } from '../../components/DiscardChangesDialog'
import { changedFrom, useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { uploadedFileView } from '../../lib/files'
import { DraftPreview } from './DraftPreview'
import { FieldEditor } from './FieldEditor'
import { PageSettings } from './PageSettings'
import { useDraftPreview } from './useDraftPreview'
import { useTemplateDraft } from './useTemplateDraft'
import { useLmsQuery } from '../../data/queries'
import { useT, type MessageId } from '../../i18n'

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

export function TemplateEditor({ templateId, onClose, onSaved }: TemplateEditorProps) {
  const template = useLmsQuery('certificateTemplates.get', { id: templateId ?? 0 }, { enabled: Boolean(templateId) })
  const loaded = templateId ? template : { ...template, data: EMPTY }
  const keys = useLmsQuery('certificateTemplates.keysLookup', {})
  const edit = useTemplateDraft(templateId, loaded.data, onSaved)
  const { draft, selected } = edit
  const [previewCourse, setPreviewCourse] = useState<string | null>(null)
  const [previewLearner, setPreviewLearner] = useState<string | null>(null)
  const t = useT()

  const keyLabel = (k: { db_value: string; display_value: string }) => (KEY_LABELS[k.db_value] ? t(KEY_LABELS[k.db_value]) : k.display_value)
  const labels = Object.fromEntries((keys.data ?? []).map((k) => [k.db_value, keyLabel(k)]))
  const keyOptions = (keys.data ?? []).map((k) => ({ value: k.db_value, label: keyLabel(k) }))

  const preview = useDraftPreview(draft, previewCourse, previewLearner)
  const guard = useUnsavedChanges(draft !== null && changedFrom(edit.saved, draft))

  if (loaded.error) return <Alert color="red" title={t('certs.editor.openFailed')} role="alert">{loaded.error}</Alert>
  if (!draft) return <Text size="sm">{t('certs.editor.loading')}</Text>

  const background = draft.bg_url ? uploadedFileView(draft.bg_url).href : null

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
          <Button onClick={() => void edit.save()} loading={edit.saving}>
            {t('certs.editor.save')}
          </Button>
        </Group>
      </Group>
      {edit.saveError && (
        <Alert color="red" title={t('certs.editor.saveFailed')} role="alert">
          {edit.saveError}
        </Alert>
      )}
      <PageSettings draft={draft} background={background} update={edit.update} />
      <FieldEditor
        draft={draft}
        background={background}
        keyOptions={keyOptions}
        labels={labels}
        selected={selected}
        onSelect={edit.setSelected}
        onAdd={edit.addField}
        onChange={edit.changeField}
        onRemove={edit.removeField}
      />
      <DraftPreview preview={preview} course={previewCourse} learner={previewLearner} onCourse={setPreviewCourse} onLearner={setPreviewLearner} />
      <DiscardChangesDialog dialog={guard.dialog} subject={t('certs.editor.subject')} />
    </Stack>
  )
}
