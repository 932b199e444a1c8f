// The four documented statuses in the order of their keys: 1 Attended, 2 No Show,
// 3 Cancelled, 4 back to Registered (unmarked). Shades dark enough for white text (WCAG AA).
import type { ClassStatus } from '../../../../shared/operations/classes'

export const STATUS_KEYS: readonly { status: ClassStatus; key: string; label: string; color: string }[] = [
  { status: 'Attended', key: '1', label: 'Attended', color: 'teal.9' },
  { status: 'No Show', key: '2', label: 'No Show', color: 'red.9' },
  { status: 'Cancelled', key: '3', label: 'Cancelled', color: 'gray.7' },
  { status: 'Registered', key: '4', label: 'Registered', color: 'blue.8' },
]

export const statusForKey = (key: string): ClassStatus | undefined => STATUS_KEYS.find((s) => s.key === key)?.status
