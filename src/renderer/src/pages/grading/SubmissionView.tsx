// What the learner handed in: text shown as written; images, PDFs and plain text files
// previewed inline; other files opened with their program (desktop) or downloaded.
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { SubmissionEntry } from '../../../../shared/operations/assignments'
import { LmsCallError, lms } from '../../api/client'
import { t as translate, useT } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { formatDate } from '../../lib/format'
import { htmlToText } from '../../lib/html'
import { isDesktop, uploadedFileView } from '../../lib/files'
import classes from './Grading.module.css'
import type { SubmissionDetail } from './loadSubmission'

export function SubmissionView({ detail }: { detail: SubmissionDetail }) {
  const t = useT()
  const entries = detail.submissions
  if (detail.moduleType === 'discussion') {
    const needed = detail.minComments ?? 0
    return (
      <section aria-labelledby="grading-submission-title">
        <Title order={3} size="h5" id="grading-submission-title" mb={6}>
          {needed ? t('grading.commentsNeeded', { count: entries.length, needed }) : t('grading.comments', { count: entries.length })}
        </Title>
        <Stack gap="xs">
          {entries.map((entry, i) => (
            <Paper key={entry.id} withBorder p="sm" radius="sm">
              <Text size="xs" c="dimmed" mb={4}>
                {t('grading.commentN', { n: i + 1, date: formatDate(entry.submitted_on) })}
              </Text>
              <Text size="sm" className={classes.prose}>
                {htmlToText(entry.student_message ?? '') || t('grading.emptyComment')}
              </Text>
            </Paper>
          ))}
          {entries.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('grading.noComments')}
            </Text>
          )}
        </Stack>
      </section>
    )
  }

  // Newest attempt first; earlier attempts (before a rejection) below it.
  const [latest, ...earlier] = [...entries].reverse()
  return (
    <section aria-labelledby="grading-submission-title">
      <Title order={3} size="h5" id="grading-submission-title" mb={6}>
        {entries.length > 1 ? t('grading.submissionAttempt', { n: entries.length }) : t('grading.submission')}
      </Title>
      {latest ? (
        <Entry entry={latest} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('grading.nothingSubmitted')}
        </Text>
      )}
      {earlier.length > 0 && (
        <details className={classes.details}>
          <summary>
            {t('grading.earlierAttempts', { count: earlier.length })}
          </summary>
          <Stack gap="xs" mt="xs">
            {earlier.map((entry, i) => (
              <Entry key={entry.id} entry={entry} label={t('grading.attemptN', { n: earlier.length - i })} />
            ))}
          </Stack>
        </details>
      )}
    </section>
  )
}

function Entry({ entry, label }: { entry: SubmissionEntry; label?: string }) {
  const t = useT()
  const date = formatDate(entry.submitted_on)
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="xs" c="dimmed" mb={6}>
        {label ? t('grading.labelledSubmittedOn', { label, date }) : t('grading.submittedOn', { date })}
      </Text>
      {entry.file_path ? (
        <FilePreview url={entry.file_path} />
      ) : (
        <Text size="sm" className={classes.prose} data-testid="submission-text">
          {htmlToText(entry.student_message ?? '') || t('grading.emptySubmission')}
        </Text>
      )}
      {entry.file_path && entry.student_message ? (
        <Text size="sm" mt="xs" className={classes.prose}>
          {htmlToText(entry.student_message)}
        </Text>
      ) : null}
    </Paper>
  )
}

export function FilePreview({ url }: { url: string }) {
  const file = uploadedFileView(url)
  const [openState, setOpenState] = useState<{ error: string | null; unavailable: boolean }>({ error: null, unavailable: false })
  const desktop = isDesktop()
  const t = useT()

  async function openExternally() {
    try {
      await lms.call('app.openFile', { url })
      setOpenState({ error: null, unavailable: false })
    } catch (e) {
      const unavailable = e instanceof LmsCallError && e.code === 'unavailable'
      setOpenState({ error: unavailable ? null : errorMessage(e), unavailable })
    }
  }

  const download =
    file.href && (!desktop || openState.unavailable) ? (
      <Anchor href={file.href} download={file.name} size="sm">
        {t('grading.download', { name: file.name })}
      </Anchor>
    ) : null

  return (
    <Stack gap="xs" data-testid="file-submission">
      <Group gap="sm" justify="space-between">
        <Text size="sm" fw={600} data-testid="file-name">
          {file.name}
        </Text>
        <Group gap="sm">
          {desktop && !openState.unavailable && (
            <Button size="compact-sm" variant="default" onClick={() => void openExternally()} disabled={!file.href}>
              {t('grading.openInProgram')}
            </Button>
          )}
          {download}
        </Group>
      </Group>
      {openState.error && (
        <Alert color="red" p="xs" role="alert">
          {openState.error}
        </Alert>
      )}
      {!file.href ? (
        <Text size="sm" c="dimmed">
          {t('grading.fileNotHere')}
        </Text>
      ) : file.kind === 'image' ? (
        <img src={file.href} alt={t('grading.imageAlt', { name: file.name })} className={classes.imagePreview} />
      ) : file.kind === 'pdf' ? (
        <iframe src={file.href} title={t('grading.pdfTitle', { name: file.name })} className={classes.pdfPreview} />
      ) : file.kind === 'text' && desktop ? (
        // The desktop window's Content-Security-Policy allows frames from lms-file: but not
        // fetches (connect-src 'self'), so the desktop app shows text files in a frame.
        <iframe src={file.href} title={t('grading.contentsOf', { name: file.name })} className={classes.textFrame} />
      ) : file.kind === 'text' ? (
        <TextFile href={file.href} name={file.name} />
      ) : (
        <Text size="sm" c="dimmed">
          {desktop ? t('grading.cannotShowOpen') : t('grading.cannotShowDownload')}
        </Text>
      )}
    </Stack>
  )
}

function TextFile({ href, name }: { href: string; name: string }) {
  const [state, setState] = useState<{ href: string; text: string | null; error: string | null } | null>(null)
  useEffect(() => {
    let current = true
    fetch(href)
      .then(async (response) => {
        if (!response.ok) throw new Error(translate('grading.fileUnreadable', { status: response.status }))
        const text = await response.text()
        if (current) setState({ href, text, error: null })
      })
      .catch((e: unknown) => current && setState({ href, text: null, error: errorMessage(e) }))
    return () => {
      current = false
    }
  }, [href])
  if (!state || state.href !== href) return <Text size="sm" c="dimmed">{translate('grading.loadingFile', { name })}</Text>
  if (state.error !== null) return <Alert color="red" p="xs">{state.error}</Alert>
  return (
    <pre className={classes.textPreview} tabIndex={0} role="region" aria-label={translate('grading.contentsOf', { name })} data-testid="text-preview">
      {state.text}
    </pre>
  )
}
