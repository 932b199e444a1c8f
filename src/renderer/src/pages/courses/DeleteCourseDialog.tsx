// Delete one course after confirmation; the engine refuses courses with enrollments.
import { useState } from 'react'
import type { CourseListRecord } from '../../../../shared/operations/courses'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'

interface Props {
  course: CourseListRecord | null
  onClose(): void
  onDone(): void
}

export function DeleteCourseDialog({ course, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)
  const t = useT()

  async function confirm() {
    if (!course) return
    setBusy(true)
    try {
      const result = await lms.call('courses.delete', { delete_ids: [course.id] })
      const name = course.name
      if (result.notDeleted.length) notifyWarning(apiMessage(result.message, 'courses.notDeletedBody'), t('courses.notDeleted', { name }))
      else notifySuccess(apiMessage(result.message, 'courses.deletedBody'), t('courses.deleted', { name }))
      onDone()
    } catch (error) {
      notifyError(error, t('courses.deleteFailed', { name: course.name }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={course !== null} title={t('courses.delete')} confirmLabel={t('courses.delete')} busy={busy} onConfirm={confirm} onClose={onClose}>
      {t('courses.deleteConfirm', { name: course?.name ?? '' })}
    </ConfirmDialog>
  )
}
