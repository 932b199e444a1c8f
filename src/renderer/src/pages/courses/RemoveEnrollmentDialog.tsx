import { useState } from 'react'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess } from '../../lib/notify'
import { formatPercent } from '../../lib/format'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'

interface Props {
  courseId: number
  courseName: string
  enrollment: EnrolledStudentRecord | null
  onClose(): void
  onDone(): void
}

export function RemoveEnrollmentDialog({ courseId, courseName, enrollment, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)
  const t = useT()
  const name = enrollment ? [enrollment.first_name, enrollment.last_name].filter(Boolean).join(' ') : ''

  async function confirm() {
    if (!enrollment) return
    setBusy(true)
    try {
      const result = await lms.call('courses.remove', { id: courseId, enrollmentIds: [enrollment.id] })
      notifySuccess(apiMessage(result.message, 'enrolled.removedBody'), t('enrolled.removed', { name, course: courseName }))
      onDone()
    } catch (error) {
      notifyError(error, t('enrolled.removeFailed', { name }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={enrollment !== null} title={t('enrolled.removeTitle')} confirmLabel={t('enrolled.removeConfirmLabel')} busy={busy} onConfirm={confirm} onClose={onClose}>
      {t.rich('enrolled.removeConfirm', { name, email: <bdi>{enrollment?.email}</bdi>, course: courseName, percent: formatPercent(enrollment?.percentComplete ?? 0) })}
    </ConfirmDialog>
  )
}
