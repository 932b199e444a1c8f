// Under the roster: print or export it, sign the class off, and the class's sign-off history.
import { Button, Group, Text, Title } from '@mantine/core'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import type { RosterData } from './useRoster'
import type { SessionActions } from './useSessionActions'

export function SessionButtons({ actions, locked }: { actions: SessionActions; locked: boolean }) {
  const t = useT()
  return (
    <Group gap="sm" justify="space-between" mt="sm">
      <Group gap="sm">
        <Button variant="default" onClick={() => void actions.downloadSheet()} loading={actions.busy === 'sheet'}>
          {t('attendance.sheet')}
        </Button>
        <Button variant="default" onClick={() => void actions.exportCsv()} loading={actions.busy === 'csv'}>
          {t('attendance.exportCsv')}
        </Button>
      </Group>
      {!locked && (
        <Button color="gray.8" onClick={() => actions.setConfirm('signOff')}>
          {t('attendance.signOff')}
        </Button>
      )}
    </Group>
  )
}

export function SessionHistory({ events }: { events: RosterData['events'] }) {
  const t = useT()
  if (events.length === 0) return null
  return (
    <section aria-labelledby="session-history">
      <Title order={3} size="h6" id="session-history">
        {t('attendance.history')}
      </Title>
      <ul data-testid="session-history">
        {events.map((e) => (
          <li key={`${e.action}${e.at}`}>
            <Text size="sm">
              {e.reason
                ? t(e.action === 'signed_off' ? 'attendance.event.signedOffWhy' : 'attendance.event.reopenedWhy', { by: e.by, at: formatDateTime(e.at), reason: e.reason })
                : t(e.action === 'signed_off' ? 'attendance.event.signedOff' : 'attendance.event.reopened', { by: e.by, at: formatDateTime(e.at) })}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  )
}
