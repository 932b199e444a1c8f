// Where sync stands: state, counts, whether the hosted LMS answered (or why not, in its
// own words), last success, when sync tries next, the
// "Sync now" button with its progress bar and summary, and a new-token prompt when the
// hosted LMS refused the token.
import { Alert, Anchor, Badge, Button, Group, Paper, PasswordInput, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { SyncStatus } from '../../../../shared/operations/sync'
import { lms } from '../../api/client'
import { useFormErrors } from '../../hooks/useFormErrors'
import { notifySuccess } from '../../lib/notify'
import { isSyncing, runSync, useSync } from '../../state/sync'
import { formatNumber } from '../../lib/format'
import { connectionView } from './connection'
import { nextTryText, readableAlertTitle, STATE_LABELS, summaryText, When } from './format'

export function SyncStatusPanel() {
  const { status, running, summary, runError } = useSync()
  const syncing = isSyncing({ running, status })

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-status-title">
      <Group justify="space-between" align="center" mb="sm" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h4" id="sync-status-title">
            Status
          </Title>
          {status && <StateBadge status={status} syncing={syncing} />}
        </Group>
        <Button onClick={() => void runSync()} loading={running} disabled={!status?.configured || status.state === 'paused_auth'}>
          Sync now
        </Button>
      </Group>
      {!status ? (
        <Text size="sm">Reading the sync status…</Text>
      ) : (
        <Stack gap="sm">
          {!status.configured && <Text size="sm">Set the hosted LMS address and token below before syncing.</Text>}
          {syncing && <SyncProgress progress={status.progress} />}
          {!syncing && summary && (
            <Alert color={summary.stoppedBecause ? 'orange' : 'teal'} variant="light" styles={readableAlertTitle} title={summary.stoppedBecause ? 'Sync stopped early' : 'Sync finished'} data-testid="sync-summary">
              {summary.stoppedBecause && `${summary.stoppedBecause} `}
              {summaryText(summary)}
            </Alert>
          )}
          {!syncing && runError && (
            <Alert color="red" variant="light" title="Sync did not run" role="alert">
              {runError}
            </Alert>
          )}
          {status.state === 'paused_auth' && <NewTokenPrompt serverUrl={status.serverUrl} />}
          {status.configured && status.contact.problem && status.state !== 'paused_auth' && (
            <Alert color="red" variant="light" title={connectionView({ status, running: false, browserOnline: true }, null)?.label} data-testid="contact-problem">
              {status.contact.message}
            </Alert>
          )}
          <Counts status={status} />
          <Anchor href="#/pending" size="sm" data-testid="pending-link">
            See each unsent change
          </Anchor>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Fact label="Hosted LMS" testId="contact-fact">
              <ContactFact status={status} />
            </Fact>
            <Fact label="Last success">
              <When iso={status.lastSuccessAt} />
            </Fact>
            <Fact label="Next try" testId="next-try">
              {nextTryText(status)}
            </Fact>
          </SimpleGrid>
        </Stack>
      )}
    </Paper>
  )
}

/** Whether the LMS API has answered this address, and when. */
function ContactFact({ status }: { status: SyncStatus }) {
  if (!status.configured) return <>Not configured</>
  const { contact } = status
  if (contact.state === 'not_contacted') return <>Not contacted yet: nothing has answered since the address was saved</>
  if (contact.state === 'problem') {
    return (
      <>
        Not reached at the last try (<When iso={contact.lastTryAt} />)
        {contact.lastAnswerAt && (
          <>
            ; it last answered <When iso={contact.lastAnswerAt} />
          </>
        )}
      </>
    )
  }
  return (
    <>
      Answered <When iso={contact.lastAnswerAt} />
    </>
  )
}

function StateBadge({ status, syncing }: { status: SyncStatus; syncing: boolean }) {
  const label = !status.configured
    ? { text: 'Not configured', color: 'gray', variant: 'light' as const }
    : syncing
      ? STATE_LABELS.syncing
      : status.state === 'idle' && status.contact.state === 'not_contacted'
        ? { text: 'Not contacted yet', color: 'gray', variant: 'light' as const }
        : STATE_LABELS[status.state]
  return (
    <Badge color={label.color} variant={label.variant} miw="max-content" data-testid="sync-state">
      {label.text}
    </Badge>
  )
}

function SyncProgress({ progress }: { progress: number | null }) {
  const percent = progress === null ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100)
  return (
    <Stack gap={4} data-testid="sync-progress">
      <Text size="sm">{percent === null ? 'Syncing…' : `Syncing… ${percent}%`}</Text>
      {/* The root carries the progressbar role so it is never a zero-width element; without a number it is indeterminate. */}
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? 'In progress' : `${percent}%`}
      >
        <Progress.Section value={percent ?? 100} striped animated withAria={false} />
      </Progress.Root>
    </Stack>
  )
}

const COUNTS: { key: keyof Pick<SyncStatus, 'pending' | 'sending' | 'parked' | 'blocked' | 'conflicts'>; label: string; hint: string }[] = [
  { key: 'pending', label: 'Pending', hint: 'waiting to be sent' },
  { key: 'sending', label: 'Sending', hint: 'sent, answer not yet recorded' },
  { key: 'parked', label: 'Parked', hint: 'refused by the hosted LMS' },
  { key: 'blocked', label: 'Blocked', hint: 'waiting for another record' },
  { key: 'conflicts', label: 'Conflicts', hint: 'waiting for your choice' },
]

function Counts({ status }: { status: SyncStatus }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="dl" m={0} data-testid="sync-counts">
      {COUNTS.map((c) => (
        <div key={c.key}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {c.label}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} data-testid={`count-${c.key}`} title={c.hint}>
            {formatNumber(status[c.key])}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  )
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {children}
      </Text>
    </div>
  )
}

const TOKEN_FIELDS = ['token', 'serverUrl'] as const

/** The hosted LMS refused the token: a new one is asked for right here, then sync resumes. */
function NewTokenPrompt({ serverUrl }: { serverUrl: string | null }) {
  const [token, setToken] = useState('')
  const [saving, setSaving] = useState(false)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(TOKEN_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      const next = await lms.call('sync.configure', { serverUrl: serverUrl ?? '', token })
      reset()
      setToken('')
      useSync.setState({ status: next })
      notifySuccess('The new token is saved; syncing again.')
      void runSync()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Alert color="orange" variant="light" styles={readableAlertTitle} title="The hosted LMS refused the API token" data-testid="token-refused">
      <Text size="sm" mb="xs">
        Sync is paused; nothing was lost. Enter a new API token to continue.
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Replace the refused token">
        {formError && (
          <Text size="sm" c="red.8" role="alert" mb="xs">
            {formError}
          </Text>
        )}
        <Group align="flex-start" gap="sm">
          <PasswordInput
            label="New API token"
            required
            value={token}
            onChange={(e) => {
              setToken(e.currentTarget.value)
              clearField('token')
            }}
            error={errors.token ?? errors.serverUrl}
            autoComplete="off"
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit" loading={saving} mt={25}>
            Save token and sync
          </Button>
        </Group>
      </form>
    </Alert>
  )
}
