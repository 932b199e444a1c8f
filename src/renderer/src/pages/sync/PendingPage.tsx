// Pending changes: every change made here that the hosted LMS has not received yet, oldest
// first as sync sends them (or newest first, to find what was just done among thousands):
// what it does, which record (as people know it), since when, and its state with the
// reason. Paged by the engine (sync.pending), so a queue of thousands is all there, a page
// at a time.
import { Anchor, Badge, Chip, Group, NativeSelect, Stack, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import type { PendingChange, PendingPage as Page, PendingState } from '../../../../shared/operations/sync'
import { lmsRead } from '../../data/queries'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { formatDateTime } from '../../lib/format'
import { t, useT, type MessageId } from '../../i18n'
import { actionText } from './actions'

type Order = 'oldest' | 'newest'
type Filter = { state: PendingState | null; order: Order }

const STATES: { value: PendingState; label: MessageId; color: string; hint: MessageId }[] = [
  { value: 'waiting', label: 'pending.state.waiting', color: 'blue.8', hint: 'pending.state.waiting.hint' },
  { value: 'sending', label: 'pending.state.sending', color: 'indigo.8', hint: 'pending.state.sending.hint' },
  { value: 'parked', label: 'pending.state.parked', color: 'red.9', hint: 'pending.state.parked.hint' },
  { value: 'blocked', label: 'pending.state.blocked', color: 'gray.7', hint: 'pending.state.blocked.hint' },
]
const STATE_BY_VALUE = Object.fromEntries(STATES.map((s) => [s.value, s])) as Record<PendingState, (typeof STATES)[number]>

function recordText(change: PendingChange): string {
  const { text, count, at } = change.record
  return [text, count !== null ? t('pending.users', { count }) : null, at ? formatDateTime(at) : null].filter(Boolean).join(' · ')
}

/** Why the change is where it is, in a sentence. */
function stateDetail(change: PendingChange): string | null {
  const retryAt = change.nextAttemptAt && new Date(change.nextAttemptAt).getTime() > Date.now() ? formatDateTime(change.nextAttemptAt) : null
  if (change.state === 'waiting' || change.state === 'sending') {
    if (retryAt) return change.reason ? t('pending.triedReason', { count: change.attempts, at: retryAt, reason: change.reason }) : t('pending.tried', { count: change.attempts, at: retryAt })
    return change.reason
  }
  return change.reason ?? (change.state === 'parked' ? t('pending.refusedNoReason') : null)
}

function StateCell({ change: c }: { change: PendingChange }) {
  const detail = stateDetail(c)
  const state = STATE_BY_VALUE[c.state]
  const t = useT()
  return (
    <Stack gap={2} maw={420}>
      <Badge color={state.color} variant="filled" miw="max-content" title={t(state.hint)}>
        {t(state.label)}
      </Badge>
      {detail && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {detail}
        </Text>
      )}
      {c.state === 'parked' && (
        <Anchor href="#/sync" size="xs">
          {t('pending.correctOnSync')}
        </Anchor>
      )}
    </Stack>
  )
}

const since = (c: PendingChange) => <time dateTime={c.since}>{formatDateTime(c.since)}</time>

function SinceLine({ change }: { change: PendingChange }) {
  const t = useT()
  return <Text size="xs">{t.rich('pending.since', { when: since(change) })}</Text>
}

const COLUMNS: Column<PendingChange, never>[] = [
  { key: 'action', header: 'pending.col.what', render: (c) => actionText(c.operation, c.action) },
  {
    key: 'record',
    header: 'pending.col.record',
    render: (c) => (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="pending-record">
        {recordText(c)}
      </Text>
    ),
  },
  { key: 'since', header: 'pending.col.since', render: since },
  { key: 'state', header: 'pending.col.state', render: (c) => <StateCell change={c} /> },
]

/** On a phone or tablet each change is one cell, its parts stacked, so nothing hides to the right. */
const NARROW_COLUMNS: Column<PendingChange, never>[] = [
  {
    key: 'change',
    header: 'pending.col.change',
    render: (c) => (
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {actionText(c.operation, c.action)}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="pending-record">
          {recordText(c)}
        </Text>
        <SinceLine change={c} />
        <StateCell change={c} />
      </Stack>
    ),
  },
]

export function PendingPage() {
  const list = useServerList<PendingChange, never, Filter, Page>({
    read: (q) => lmsRead('sync.pending', { page_size: q.pageSize, page_number: q.page, order: q.filters.order, ...(q.filters.state ? { state: q.filters.state } : {}) }),
    defaultSort: null,
    initialFilters: { state: null, order: 'oldest' },
    pageSize: 25,
  })

  // Below md the navigation takes room beside the page (or the window is a phone's): one stacked cell a change.
  const narrow = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false })
  const counts = list.data?.counts
  const total = list.data?.recordsTotal
  const t = useT()
  return (
    <Stack gap="md">
      <PageHeader title={t('pending.title')} intro={t('pending.intro')} />
      <Group gap="md" align="flex-end" wrap="wrap">
        <Chip.Group value={list.query.filters.state ?? 'all'} onChange={(value) => list.setFilters({ ...list.query.filters, state: value === 'all' ? null : (value as PendingState) })}>
          <Group gap="xs" wrap="wrap" role="radiogroup" aria-label={t('pending.filterLabel')} data-testid="pending-filter">
            <Chip value="all" size="sm">
              {total === undefined ? t('pending.all') : t('pending.allCount', { count: total })}
            </Chip>
            {STATES.map((s) => (
              <Chip key={s.value} value={s.value} size="sm">
                {counts ? t('pending.stateCount', { state: t(s.label), count: counts[s.value] }) : t(s.label)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <NativeSelect
          label={t('pending.order')}
          data={[
            { value: 'oldest', label: t('pending.order.oldest') },
            { value: 'newest', label: t('pending.order.newest') },
          ]}
          value={list.query.filters.order}
          onChange={(e) => list.setFilters({ ...list.query.filters, order: e.currentTarget.value as Order })}
          w={{ base: '100%', xs: 280 }}
        />
      </Group>
      <ServerTable
        list={list}
        columns={narrow ? NARROW_COLUMNS : COLUMNS}
        minWidth={narrow ? 0 : 640}
        label={t('pending.title')}
        rowKey={(c) => c.id}
        noun="pending.noun"
        empty={list.query.filters.state ? t('pending.noneInState') : t('pending.none')}
      />
    </Stack>
  )
}
