// Fields changed both here and on the hosted LMS since the last sync: the base (what both
// had before), mine and theirs side by side, and a choice per conflict.
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ConflictView } from '../../../../shared/operations/sync'
import { lms } from '../../api/client'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useQueueChoices } from './useQueueChoices'
import { GradeValue, valueText, When } from './format'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { LoadedRows } from '../../components/LoadedRows'

interface Props {
  conflicts: ConflictView[] | null
  error: string | null
  reload(): void
}

export function ConflictList({ conflicts, error, reload }: Props) {
  const [busy, setBusy] = useState<number | null>(null)
  const { headingRef, chosen } = useQueueChoices(conflicts, reload)
  const t = useT()

  async function resolve(conflict: ConflictView, choice: 'mine' | 'theirs') {
    setBusy(conflict.id)
    try {
      const result = await lms.call('sync.resolve', { id: conflict.id, choice })
      notifySuccess(apiMessage(result.message, choice === 'mine' ? 'conflicts.resolvedMine' : 'conflicts.resolvedTheirs'), t('conflicts.resolved'))
      // The choice is queued (mine) or applied (theirs); a run sends what it released.
      chosen({ send: true })
    } catch (e) {
      notifyError(e, t('conflicts.resolveFailed'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-conflicts-title">
      <Group gap="sm" mb="xs">
        <Title order={2} size="h4" id="sync-conflicts-title" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {t('conflicts.title')}
        </Title>
        {conflicts && conflicts.length > 0 && (
          <Badge color="red.9" variant="filled">
            {conflicts.length}
          </Badge>
        )}
      </Group>
      <LoadedRows rows={conflicts} error={error} failedTitle={t('conflicts.loadFailed')} loading={t('sync.loading')} empty={t('conflicts.none')} emptyTestId="no-conflicts">
        {(rows) => (
          <Stack gap="sm">
            <Text size="sm">{t('conflicts.intro')}</Text>
            {rows.map((c) => (
              <Paper key={c.id} withBorder p="sm" component="article" aria-labelledby={`conflict-${c.id}-label`} data-testid={`conflict-${c.id}`}>
                <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
                  <div>
                    <Text fw={700} id={`conflict-${c.id}-label`}>
                      {c.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.rich('conflicts.meta', { entity: c.entity, id: String(c.localId), field: c.field, when: <When iso={c.createdAt} /> })}
                    </Text>
                  </div>
                  <Group gap="xs">
                    <Button size="xs" variant="light" onClick={() => void resolve(c, 'mine')} loading={busy === c.id} disabled={busy !== null && busy !== c.id} aria-label={t('conflicts.keepMineLabel', { label: c.label })}>
                      {t('conflicts.keepMine')}
                    </Button>
                    <Button size="xs" variant="light" color="grape" onClick={() => void resolve(c, 'theirs')} disabled={busy !== null} aria-label={t('conflicts.takeTheirsLabel', { label: c.label })}>
                      {t('conflicts.takeTheirs')}
                    </Button>
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <Side title={t('conflicts.base')} value={c.base} entity={c.entity} testId="base" />
                  <Side title={t('conflicts.mine')} value={c.mine} entity={c.entity} testId="mine" />
                  <Side title={t('conflicts.theirs')} value={c.theirs} entity={c.entity} testId="theirs" />
                </SimpleGrid>
              </Paper>
            ))}
          </Stack>
        )}
      </LoadedRows>
    </Paper>
  )
}

function Side({ title, value, entity, testId }: { title: string; value: unknown; entity: string; testId: string }) {
  return (
    <Paper bg="gray.0" p="xs" data-testid={testId}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={2}>
        {title}
      </Text>
      {entity === 'evaluation' ? (
        <GradeValue grade={value} />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {valueText(value)}
        </Text>
      )}
    </Paper>
  )
}
