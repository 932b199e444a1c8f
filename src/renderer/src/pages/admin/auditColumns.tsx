// The audit log's columns: when, who, what, the record it was done to (linked while it
// exists) and which of its fields changed.
import type { SortKey } from '../../../../shared/operations/lists'
import { Anchor, Button, Group, Text } from '@mantine/core'
import type { AuditRecord } from '../../../../shared/operations/audit'
import type { Column } from '../../components/ServerTable'
import { formatDateTime, formatList } from '../../lib/format'
import { routeHref } from '../../state/navigation'
import { t, type MessageId } from '../../i18n'

export type AuditSort = SortKey<'audit.list'>

const TYPE_NAMES: Record<string, MessageId> = { User: 'audit.type.User', Course: 'audit.type.Course' }

/** The log's verbs in the trainer's language (others as the log has them). */
export const ACTION_NAMES: Record<string, MessageId> = {
  created: 'audit.action.created',
  updated: 'audit.action.updated',
  deleted: 'audit.action.deleted',
  login: 'audit.action.login',
}

/** The record's name, or what is known of it. */
export function recordLabel(row: AuditRecord): string {
  return row.subject_name ?? (row.subject_id !== null ? `#${row.subject_id}` : '')
}

/** Where a record is opened: a course's page, or the user's form over the users list. */
function recordHref(row: AuditRecord): string | null {
  if (!row.subject_exists || row.subject_id === null) return null
  if (row.effect_on === 'Course') return routeHref({ page: 'courses', courseId: row.subject_id })
  if (row.effect_on === 'User') return `${routeHref({ page: 'users' })}?${new URLSearchParams({ q: row.subject_name ?? '', user: String(row.subject_id) })}`
  return null
}

/** "first_name", "lastName" as words; other notes ("import 12") as they are. */
function detailText(detail: unknown): string {
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail)
  return text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()
}

export function auditColumns({ onHistory }: { onHistory(row: AuditRecord): void }): Column<AuditRecord, AuditSort>[] {
  return [
    { key: 'when', header: 'audit.col.when', sortBy: 'created_at', render: (a) => formatDateTime(a.created_at) },
    { key: 'who', header: 'audit.col.who', sortBy: 'performed_by', render: (a) => a.performed_by },
    { key: 'action', header: 'audit.col.action', sortBy: 'action', render: (a) => (ACTION_NAMES[a.action.toLowerCase()] ? t(ACTION_NAMES[a.action.toLowerCase()]) : a.action) },
    {
      key: 'record',
      header: 'audit.col.record',
      render: (a) => {
        const href = recordHref(a)
        const label = recordLabel(a)
        return (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" c="dimmed">
              {TYPE_NAMES[a.effect_on] ? t(TYPE_NAMES[a.effect_on]) : a.effect_on}
            </Text>
            {href ? (
              <Anchor href={href} size="sm">
                {label}
              </Anchor>
            ) : (
              <Text size="sm">{label && !a.subject_exists ? t('audit.deleted', { name: label }) : label}</Text>
            )}
          </Group>
        )
      },
    },
    { key: 'details', header: 'audit.col.changes', render: (a) => formatList(a.details.map(detailText)) },
    {
      key: 'history',
      header: 'common.actions',
      hiddenHeader: true,
      render: (a) =>
        a.subject_id !== null && (
          <Button size="compact-sm" variant="subtle" onClick={() => onHistory(a)} aria-label={t('audit.historyOf', { name: recordLabel(a) })}>
            {t('audit.history')}
          </Button>
        ),
    },
  ]
}
