import { useState } from 'react'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess } from '../../lib/notify'
import { formatPercent } from '../../lib/format'

interface Props {
  courseId: number
  courseName: string
  enrollment: EnrolledStudentRecord | null
  onClose(): void
  onDone(): void
}

export function RemoveEnrollmentDialog({ courseId, courseName, enrollment, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)
  const name = enrollment ? [enrollment.first_name, enrollment.last_name].filter(Boolean).join(' ') : ''

  async function confirm() {
    if (!enrollment) return
    setBusy(true)
    try {
      const result = await lms.call('courses.remove', { id: courseId, enrollmentIds: [enrollment.id] })
      notifySuccess(result.message, `${name} removed from ${courseName}`)
      onDone()
    } catch (error) {
      notifyError(error, `Could not remove ${name}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={enrollment !== null} title="Remove from course" confirmLabel="Remove student" busy={busy} onConfirm={confirm} onClose={onClose}>
      Remove {name} ({enrollment?.email}) from “{courseName}”? Their progress in this course ({formatPercent(enrollment?.percentComplete ?? 0)} complete) is removed with the enrollment.
    </ConfirmDialog>
  )
}
