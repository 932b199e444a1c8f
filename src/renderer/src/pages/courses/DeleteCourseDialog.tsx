// Delete one course after confirmation; the engine refuses courses with enrollments.
import { useState } from 'react'
import type { CourseListRecord } from '../../../../shared/operations/courses'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'

interface Props {
  course: CourseListRecord | null
  onClose(): void
  onDone(): void
}

export function DeleteCourseDialog({ course, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)

  async function confirm() {
    if (!course) return
    setBusy(true)
    try {
      const result = await lms.call('courses.delete', { delete_ids: [course.id] })
      if (result.notDeleted.length) notifyWarning(result.message, `${course.name} was not deleted`)
      else notifySuccess(result.message, `${course.name} deleted`)
      onDone()
    } catch (error) {
      notifyError(error, `Could not delete ${course.name}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={course !== null} title="Delete course" confirmLabel="Delete course" busy={busy} onConfirm={confirm} onClose={onClose}>
      Delete the course “{course?.name}”? Courses with enrolled students are not deleted; remove the students first.
    </ConfirmDialog>
  )
}
