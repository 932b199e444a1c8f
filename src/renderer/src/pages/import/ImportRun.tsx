// The import while it runs (progress bar, cancel) and once it answered (the counts, undo).
import { Alert, Button, Group, List, Paper, Progress, Text, Title } from '@mantine/core'
import type { CommitResult, ImportProgress, UndoResult } from '../../../../shared/operations/import'
import { t, useT, type MessageId } from '../../i18n'
import { reasonText } from '../../lib/errors'
import { Section } from '../../components/Section'

const PHASE: Record<ImportProgress['phase'], MessageId> = {
  reading: 'import.phase.reading',
  checking: 'import.phase.checking',
  writing: 'import.phase.writing',
  done: 'import.phase.done',
  cancelled: 'import.phase.cancelled',
  interrupted: 'import.phase.interrupted',
  failed: 'import.phase.failed',
}

/** What an undo did, in the app's words and plurals (the engine's message is for tools). */
export function undoMessage(undo: UndoResult): string {
  const parts = [t('import.undo.removed', { removed: undo.removed, restored: undo.restored })]
  if (undo.refused.length) parts.push(t('import.undo.kept', { count: undo.refused.length }))
  if (undo.passwordsRestored) parts.push(t('import.undo.passwords', { count: undo.passwordsRestored }))
  return parts.join(' ')
}

export function RunProgress({ progress, onCancel, cancelling }: { progress: ImportProgress | null; onCancel(): void; cancelling: boolean }) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  const t = useT()
  return (
    <Section id="import-run-title" title={t('import.importing')}>
      <Progress value={percent} size="lg" aria-label={t('import.progress')} data-testid="import-progress" animated />
      <Group justify="space-between" mt="xs">
        <Text size="sm" role="status">
          {progress
            ? progress.phase === 'writing'
              ? t('import.phaseCount', { phase: t(PHASE[progress.phase]), done: progress.done, total: progress.total })
              : t(PHASE[progress.phase])
            : t('import.starting')}
        </Text>
        <Button variant="default" color="red" onClick={onCancel} loading={cancelling}>
          {t('import.cancel')}
        </Button>
      </Group>
    </Section>
  )
}

export function RunResult({ result, undo, onUndo }: { result: CommitResult; undo: UndoResult | null; onUndo(): void }) {
  const t = useT()
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-result-title" data-testid="import-result">
      <Title order={2} size="h4" id="import-result-title" mb="xs" tabIndex={-1}>
        {result.cancelled ? t('import.cancelled') : t('import.finished')}
      </Title>
      <Text size="sm" role="status" data-testid="import-result-counts">
        {t('import.counts', { created: result.created, updated: result.updated, skipped: result.skipped, failed: result.failed, batch: String(result.batchId) })}
      </Text>
      {result.cancelled && <Text size="sm">{t('import.cancelledStay')}</Text>}
      {undo ? (
        <Alert mt="sm" color={undo.refused.length ? 'orange' : 'teal'} title={t('import.undoTitle')} data-testid="import-undo-result">
          <Text size="sm">{undoMessage(undo)}</Text>
          {undo.refused.length > 0 && (
            <List size="sm" mt="xs">
              {undo.refused.slice(0, 50).map((r) => (
                <List.Item key={r.userId}>
                  {t.rich('import.refusedLine', { email: <bdi>{r.email}</bdi>, reason: reasonText(r.reasonCode, r.reason) })}
                </List.Item>
              ))}
              {undo.refused.length > 50 && <List.Item>{t('import.refusedMore', { count: undo.refused.length - 50 })}</List.Item>}
            </List>
          )}
        </Alert>
      ) : (
        (result.created > 0 || result.updated > 0) && (
          <Button mt="sm" variant="default" color="red" onClick={onUndo}>
            {t('import.undoThis')}
          </Button>
        )
      )}
    </Paper>
  )
}
