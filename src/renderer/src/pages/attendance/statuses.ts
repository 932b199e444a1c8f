// The four documented statuses in the order of their keys: 1 Attended, 2 No Show,
// 3 Cancelled, 4 back to Registered (unmarked). Shades dark enough for white text (WCAG AA).
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { MessageId } from '../../i18n'

export const STATUS_KEYS: readonly { status: ClassStatus; key: string; label: MessageId; color: string }[] = [
  { status: 'Attended', key: '1', label: 'attendance.status.attended', color: 'teal.9' },
  { status: 'No Show', key: '2', label: 'attendance.status.noShow', color: 'red.9' },
  { status: 'Cancelled', key: '3', label: 'attendance.status.cancelled', color: 'gray.7' },
  { status: 'Registered', key: '4', label: 'attendance.status.registered', color: 'blue.8' },
]

export const statusForKey = (key: string): ClassStatus | undefined => STATUS_KEYS.find((s) => s.key === key)?.status

/** A status as the trainer's language names it. */
export const statusLabel = (status: ClassStatus): MessageId => STATUS_KEYS.find((s) => s.status === status)?.label ?? 'attendance.status.registered'
