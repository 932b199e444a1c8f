// For a class bigger than one page: which learners are shown of how many, and the pages.
import { Group, Pagination, Text } from '@mantine/core'
import { ROSTER_PAGE } from '../../../../shared/operations/attendance'
import { PAGE_CONTROLS } from '../../components/ServerTable'
import { useT } from '../../i18n'
import type { useRoster } from './useRoster'

export function RosterPages({ roster }: { roster: ReturnType<typeof useRoster> }) {
  const t = useT()
  return (
    <Group justify="space-between" gap="sm" data-testid="roster-pages">
      <Text size="sm" role="status" aria-live="polite">
        {roster.count === 0
          ? t('attendance.noMatch')
          : t(roster.serverSearch ? 'attendance.rosterShowingMatching' : 'attendance.rosterShowing', { first: roster.first + 1, last: roster.first + roster.learners.length, count: roster.count, search: roster.serverSearch })}
      </Text>
      <Pagination
        total={Math.max(1, Math.ceil(roster.count / ROSTER_PAGE))}
        value={roster.page}
        onChange={roster.setPage}
        size="sm"
        siblings={1}
        aria-label={t('attendance.rosterPages')}
        getItemProps={(page) => ({ 'aria-label': t('table.page', { page }), 'aria-current': page === roster.page ? 'page' : undefined })}
        getControlProps={(control) => ({ 'aria-label': t(PAGE_CONTROLS[control] ?? 'table.control.next') })}
      />
    </Group>
  )
}
