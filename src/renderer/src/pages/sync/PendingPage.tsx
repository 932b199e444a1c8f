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
import { formatDateTime, formatNumber, plural } from '../../lib/format'

type Order = 'oldest' | 'newest'
type Filter = { state: PendingState | null; order: Order }

const STATES: { value: PendingState; label: string; color: string; hint: string }[] = [
  { value: 'waiting', label: 'Waiting', color: 'blue.8', hint: 'to be sent with the next sync' },
  { value: 'sending', label: 'Sending', color: 'indigo.8', hint: 'sent; its outcome is not recorded yet' },
  { value: 'parked', label: 'Parked', color: 'red.9', hint: 'refused by the hosted LMS; correct or discard it on the Sync screen' },
  { value: 'blocked', label: 'Blocked', color: 'gray.7', hint: 'waits for another change, or for your choice in a conflict' },
]
const STATE_BY_VALUE = Object.fromEntries(STATES.map((s) => [s.value, s])) as Record<PendingState, (typeof STATES)[number]>

function recordText(change: PendingChange): string {
  const { text, count, at } = change.record
  return [text, count !== null ? plural(count, 'user', 'users') : null, at ? formatDateTime(at) : null].filter(Boolean).join(' · ')
}

/** Why the change is where it is, in a sentence. */
function stateDetail(change: PendingChange): string | null {
  const retryAt = change.nextAttemptAt && new Date(change.nextAttemptAt).getTime() > Date.now() ? formatDateTime(change.nextAttemptAt) : null
  if (change.state === 'waiting' || change.state === 'sending') {
    if (retryAt) return `Tried ${plural(change.attempts, 'time', 'times')}; next try ${retryAt}${change.reason ? `. Last answer: ${change.reason}` : ''}`
    return change.reason
  }
  return change.reason ?? (change.state === 'parked' ? 'Refused by the hosted LMS (no reason given).' : null)
}

function StateCell({ change: c }: { change: PendingChange }) {
  const detail = stateDetail(c)
  const state = STATE_BY_VALUE[c.state]
  return (
    <Stack gap={2} maw={420}>
      <Badge color={state.color} variant="filled" miw="max-content" title={state.hint}>
        {state.label}
      </Badge>
      {detail && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {detail}
        </Text>
      )}
      {c.state === 'parked' && (
        <Anchor href="#/sync" size="xs">
          Correct or discard it on the Sync screen
        </Anchor>
      )}
    </Stack>
  )
}

const since = (c: PendingChange) => <time dateTime={c.since}>{formatDateTime(c.since)}</time>

const COLUMNS: Column<PendingChange, never>[] = [
  { key: 'action', header: 'What', render: (c) => c.action },
  {
    key: 'record',
    header: 'Record',
    render: (c) => (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="pending-record">
        {recordText(c)}
      </Text>
    ),
  },
  { key: 'since', header: 'Since', render: since },
  { key: 'state', header: 'State', render: (c) => <StateCell change={c} /> },
]

/** On a phone or tablet each change is one cell, its parts stacked, so nothing hides to the right. */
const NARROW_COLUMNS: Column<PendingChange, never>[] = [
  {
    key: 'change',
    header: 'Change',
    render: (c) => (
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {c.action}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="pending-record">
          {recordText(c)}
        </Text>
        <Text size="xs">
          Since {since(c)}
        </Text>
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
  return (
    <Stack gap="md">
      <PageHeader title="Pending changes">
        <Text size="sm" c="dimmed">
          Changes made on this computer that the hosted LMS has not received yet. Sync sends them oldest first; newest first shows what was just done on the first page.
        </Text>
      </PageHeader>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Chip.Group value={list.query.filters.state ?? 'all'} onChange={(value) => list.setFilters({ ...list.query.filters, state: value === 'all' ? null : (value as PendingState) })}>
          <Group gap="xs" wrap="wrap" role="radiogroup" aria-label="Show changes that are" data-testid="pending-filter">
            <Chip value="all" size="sm">
              All{total === undefined ? '' : ` (${formatNumber(total)})`}
            </Chip>
            {STATES.map((s) => (
              <Chip key={s.value} value={s.value} size="sm">
                {s.label}
                {counts ? ` (${formatNumber(counts[s.value])})` : ''}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <NativeSelect
          label="Order"
          data={[
            { value: 'oldest', label: 'Oldest first (as sync sends them)' },
            { value: 'newest', label: 'Newest first' },
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
        label="Pending changes"
        rowKey={(c) => c.id}
        noun="changes"
        empty={list.query.filters.state ? `No ${STATE_BY_VALUE[list.query.filters.state].label.toLowerCase()} changes.` : 'Nothing is waiting to be sent: the hosted LMS has every change made here.'}
      />
    </Stack>
  )
}
