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
import { useI18n, useT, type MessageId } from '../../i18n'
import { connectionView } from './connection'
import { nextTryText, readableAlertTitle, STATE_LABELS, summaryText, When } from './format'

export function SyncStatusPanel() {
  const { status, running, summary, runError } = useSync()
  const syncing = isSyncing({ running, status })
  const t = useT()
  const english = useI18n((s) => s.locale === 'en')

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-status-title">
      <Group justify="space-between" align="center" mb="sm" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h4" id="sync-status-title">
            {t('sync.status.title')}
          </Title>
          {status && <StateBadge status={status} syncing={syncing} />}
        </Group>
        <Button onClick={() => void runSync()} loading={running} disabled={!status?.configured || status.state === 'paused_auth'}>
          {t('sync.now')}
        </Button>
      </Group>
      {!status ? (
        <Text size="sm">{t('sync.status.reading')}</Text>
      ) : (
        <Stack gap="sm">
          {!status.configured && <Text size="sm">{t('sync.status.setFirst')}</Text>}
          {syncing && <SyncProgress progress={status.progress} />}
          {!syncing && summary && (
            <Alert color={summary.stoppedBecause ? 'orange' : 'teal'} variant="light" styles={readableAlertTitle} title={summary.stoppedBecause ? t('sync.status.stopped') : t('sync.status.finished')} data-testid="sync-summary">
              {summary.stoppedBecause && `${summary.stoppedBecause} `}
              {summaryText(summary)}
            </Alert>
          )}
          {!syncing && runError && (
            <Alert color="red" variant="light" title={t('sync.status.didNotRun')} role="alert">
              {runError}
            </Alert>
          )}
          {status.state === 'paused_auth' && <NewTokenPrompt serverUrl={status.serverUrl} />}
          {status.configured && status.contact.problem && status.state !== 'paused_auth' && (
            <Alert color="red" variant="light" title={connectionView({ status, running: false, browserOnline: true }, null)?.label} data-testid="contact-problem">
              {english ? status.contact.message : connectionView({ status, running: false, browserOnline: true }, null)?.title}
            </Alert>
          )}
          <Counts status={status} />
          <Anchor href="#/pending" size="sm" data-testid="pending-link">
            {t('sync.status.seeEach')}
          </Anchor>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Fact label={t('sync.status.hostedLms')} testId="contact-fact">
              <ContactFact status={status} />
            </Fact>
            <Fact label={t('sync.status.lastSuccess')}>
              <When iso={status.lastSuccessAt} />
            </Fact>
            <Fact label={t('sync.status.nextTry')} testId="next-try">
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
  const t = useT()
  if (!status.configured) return <>{t('sync.contact.notConfigured')}</>
  const { contact } = status
  if (contact.state === 'not_contacted') return <>{t('sync.contact.notContacted')}</>
  if (contact.state === 'problem') {
    const tried = <When iso={contact.lastTryAt} />
    return <>{contact.lastAnswerAt ? t.rich('sync.contact.problemLastAnswered', { tried, answered: <When iso={contact.lastAnswerAt} /> }) : t.rich('sync.contact.problem', { tried })}</>
  }
  return <>{t.rich('sync.contact.answered', { answered: <When iso={contact.lastAnswerAt} /> })}</>
}

function StateBadge({ status, syncing }: { status: SyncStatus; syncing: boolean }) {
  const t = useT()
  const label = !status.configured
    ? { text: 'sync.state.notConfigured' as const, color: 'gray', variant: 'light' as const }
    : syncing
      ? STATE_LABELS.syncing
      : status.state === 'idle' && status.contact.state === 'not_contacted'
        ? { text: 'sync.state.notContacted' as const, color: 'gray', variant: 'light' as const }
        : STATE_LABELS[status.state]
  return (
    <Badge color={label.color} variant={label.variant} miw="max-content" data-testid="sync-state">
      {t(label.text)}
    </Badge>
  )
}

function SyncProgress({ progress }: { progress: number | null }) {
  const percent = progress === null ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100)
  const t = useT()
  return (
    <Stack gap={4} data-testid="sync-progress">
      <Text size="sm">{percent === null ? t('sync.state.syncing') : t('sync.progress', { percent })}</Text>
      {/* The root carries the progressbar role so it is never a zero-width element; without a number it is indeterminate. */}
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={t('sync.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? t('sync.progressUnknown') : t('sync.progressValue', { percent })}
      >
        <Progress.Section value={percent ?? 100} striped animated withAria={false} />
      </Progress.Root>
    </Stack>
  )
}

const COUNTS: { key: keyof Pick<SyncStatus, 'pending' | 'sending' | 'parked' | 'blocked' | 'conflicts'>; label: MessageId; hint: MessageId }[] = [
  { key: 'pending', label: 'sync.count.pending', hint: 'sync.count.pending.hint' },
  { key: 'sending', label: 'sync.count.sending', hint: 'sync.count.sending.hint' },
  { key: 'parked', label: 'sync.count.parked', hint: 'sync.count.parked.hint' },
  { key: 'blocked', label: 'sync.count.blocked', hint: 'sync.count.blocked.hint' },
  { key: 'conflicts', label: 'sync.count.conflicts', hint: 'sync.count.conflicts.hint' },
]

function Counts({ status }: { status: SyncStatus }) {
  const t = useT()
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="dl" m={0} data-testid="sync-counts">
      {COUNTS.map((c) => (
        <div key={c.key}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(c.label)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} data-testid={`count-${c.key}`} title={t(c.hint)}>
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
  const t = useT()
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(TOKEN_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      const next = await lms.call('sync.configure', { serverUrl: serverUrl ?? '', token })
      reset()
      setToken('')
      useSync.setState({ status: next })
      notifySuccess(t('sync.token.saved'))
      void runSync()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Alert color="orange" variant="light" styles={readableAlertTitle} title={t('sync.token.refused')} data-testid="token-refused">
      <Text size="sm" mb="xs">
        {t('sync.token.paused')}
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('sync.token.formLabel')}>
        {formError && (
          <Text size="sm" c="red.8" role="alert" mb="xs">
            {formError}
          </Text>
        )}
        <Group align="flex-start" gap="sm">
          <PasswordInput
            label={t('sync.token.new')}
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
            {t('sync.token.saveAndSync')}
          </Button>
        </Group>
      </form>
    </Alert>
  )
}
