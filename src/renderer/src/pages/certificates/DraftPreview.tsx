// Under the editor: whom the preview is drawn for (sample data, or a learner of a course) and the PDF.
import { Group, Title } from '@mantine/core'
import { ServerSearchSelect, type PickerPage } from '../../components/ServerSearchSelect'
import { lmsRead } from '../../data/queries'
import { useT } from '../../i18n'
import { searchCourses } from '../../lib/pickers'
import { enrollmentStatusText } from '../courses/enrolledColumns'
import { PdfPreview } from './PdfPreview'
import type { DraftPreviewState } from './useDraftPreview'

/** Every course of the site: searched on the server, 20 offered at a time. */
const searchAllCourses = searchCourses()

interface DraftPreviewProps {
  preview: DraftPreviewState
  course: string | null
  learner: string | null
  onCourse(course: string | null): void
  onLearner(learner: string | null): void
}

export function DraftPreview({ preview, course, learner, onCourse, onLearner }: DraftPreviewProps) {
  const t = useT()
  // A course's learners, searched on the server: a course can have tens of thousands.
  // (The picker is disabled, and asks nothing, until a course is chosen.)
  const searchLearners = (text: string) =>
    lmsRead(
      'certificates.candidates',
      { courseId: Number(course), page_size: 20, page_number: 1, search_param: text ? { nameOrEmail: text } : undefined },
      (page): PickerPage => ({ total: page.recordsFiltered, options: page.records.map((l) => ({ value: String(l.userId), label: t('certs.editor.candidate', { name: l.name, status: enrollmentStatusText(l.status) }) })) }),
    )

  return (
    <>
      <Title order={3} size="h4">
        {t('certs.editor.preview')}
      </Title>
      <Group gap="sm" align="flex-end">
        <ServerSearchSelect
          label={t('certs.editor.previewFor')}
          placeholder={t('certs.editor.sample')}
          noun="course"
          search={searchAllCourses}
          value={course}
          onChange={(v) => {
            onCourse(v)
            onLearner(null)
          }}
          w={280}
        />
        <ServerSearchSelect
          label={t('certs.editor.learner')}
          placeholder={course ? t('certs.editor.chooseLearner') : t('certs.editor.courseFirst')}
          disabled={!course}
          noun="learner"
          search={searchLearners}
          value={learner}
          onChange={onLearner}
          w={280}
        />
      </Group>
      <PdfPreview answer={preview.answer} loading={preview.loading} error={preview.error} title={t('certs.editor.previewTitle')} />
    </>
  )
}
