// The import while it runs (progress bar, cancel) and once it answered (the counts, undo).
import { Alert, Button, Group, List, Paper, Progress, Text, Title } from '@mantine/core'
import { formatNumber, plural } from '../../lib/format'
import type { CommitResult, ImportProgress, UndoResult } from '../../../../shared/operations/import'

const PHASE = { reading: 'Reading the file', checking: 'Checking every row', writing: 'Writing users', done: 'Done', cancelled: 'Cancelled' } as const

/** What an undo did, in the app's words and plurals (the engine's message is for tools). */
export function undoMessage(undo: UndoResult): string {
  let text = `Removed ${plural(undo.removed, 'user', 'users')} the import created and restored ${plural(undo.restored, 'user', 'users')} it updated.`
  if (undo.refused.length) {
    text += ` ${plural(undo.refused.length, { one: '{n} user was', other: '{n} users were' })} kept; see why for each. Undo again once they can go.`
  }
  if (undo.passwordsRestored) {
    text += ` ${plural(undo.passwordsRestored, { one: '{n} old password was', other: '{n} old passwords were' })} restored here; the hosted LMS keeps the imported ones.`
  }
  return text
}

export function RunProgress({ progress, onCancel, cancelling }: { progress: ImportProgress | null; onCancel(): void; cancelling: boolean }) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-run-title">
      <Title order={2} size="h4" id="import-run-title" mb="xs">
        Importing…
      </Title>
      <Progress value={percent} size="lg" aria-label="Import progress" data-testid="import-progress" animated />
      <Group justify="space-between" mt="xs">
        <Text size="sm" role="status">
          {progress ? `${PHASE[progress.phase]}${progress.phase === 'writing' ? `: ${formatNumber(progress.done)} of ${formatNumber(progress.total)}` : ''}` : 'Starting…'}
        </Text>
        <Button variant="default" color="red" onClick={onCancel} loading={cancelling}>
          Cancel import
        </Button>
      </Group>
    </Paper>
  )
}

export function RunResult({ result, undo, onUndo }: { result: CommitResult; undo: UndoResult | null; onUndo(): void }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-result-title" data-testid="import-result">
      <Title order={2} size="h4" id="import-result-title" mb="xs" tabIndex={-1}>
        {result.cancelled ? 'Import cancelled' : 'Import finished'}
      </Title>
      <Text size="sm" role="status" data-testid="import-result-counts">
        {formatNumber(result.created)} created, {formatNumber(result.updated)} updated, {formatNumber(result.skipped)} skipped, {formatNumber(result.failed)} failed (import{' '}
        {result.batchId}).
      </Text>
      {result.cancelled && <Text size="sm">The rows written before you cancelled stay; undo removes them.</Text>}
      {undo ? (
        <Alert mt="sm" color={undo.refused.length ? 'orange' : 'teal'} title="Undo" data-testid="import-undo-result">
          <Text size="sm">{undoMessage(undo)}</Text>
          {undo.refused.length > 0 && (
            <List size="sm" mt="xs">
              {undo.refused.slice(0, 50).map((r) => (
                <List.Item key={r.userId}>
                  {r.email}: {r.reason}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      ) : (
        (result.created > 0 || result.updated > 0) && (
          <Button mt="sm" variant="default" color="red" onClick={onUndo}>
            Undo this import
          </Button>
        )
      )}
    </Paper>
  )
}
