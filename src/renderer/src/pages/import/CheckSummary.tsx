// What the dry run found: counts, what everyone imported gets, every error with its row,
// column and value (and the refused rows as a CSV of the file's own columns to fix and
// import again), and the first rows as they will be stored.
import { Alert, Button, Paper, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { lms } from '../../api/client'
import { formatList, formatNumber, plural } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import type { DryRunResult, ImportMode } from '../../../../shared/operations/import'
import { optionParts } from './describe'
import { saveText } from './files'
import { PreviewRows } from './PreviewRows'
import { ProblemRows } from './ProblemRows'

/** Rows of the problem table drawn at once; a file of 50,000 bad rows would stall the page. */
const SHOWN_ERRORS = 500
const skippedRow = (s: { row: number; email: string }) => `row ${s.row} (${s.email})`

export function CheckSummary({ result, mode, errorCsv }: { result: DryRunResult; mode: ImportMode; errorCsv(): Promise<{ csv: string; fileName: string }> }) {
  const [saving, setSaving] = useState(false)
  const downloadErrors = async () => {
    setSaving(true)
    try {
      const { csv, fileName } = await errorCsv()
      saveText(csv, fileName)
    } catch (error) {
      notifyError(error, 'The error list could not be saved')
    } finally {
      setSaving(false)
    }
  }
  const errorRows = new Set(result.errors.map((e) => e.row)).size
  const everyone = optionParts(result.options, mode)
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-check-title">
      <Title order={2} size="h4" id="import-check-title" mb="xs">
        4. Check
      </Title>
      <Text size="sm" role="status" data-testid="import-summary">
        {plural(result.rows, 'row read', 'rows read')}: {formatNumber(result.create)} new, {formatNumber(result.update)} to update, {formatNumber(result.skip)} skipped,{' '}
        {plural(errorRows, 'with errors', 'with errors')}.
      </Text>
      <Text size="sm" mt={4} fw={600} data-testid="import-everyone">
        {everyone.length
          ? `Everyone imported gets: ${formatList(everyone)}.`
          : 'No courses, classes, group or membership plan for everyone: each row gets only what it names itself.'}
      </Text>
      {result.errors.length > 0 ? (
        <Alert color="red" variant="light" mt="sm" title={`${plural(result.errors.length, 'problem', 'problems')} in ${plural(errorRows, 'row', 'rows')}`}>
          <Text size="sm">
            Rows with problems are not imported. Import the rest now, then download the rows with problems (with all their columns), fix them in your spreadsheet and
            import that file.
          </Text>
          <Button mt="xs" size="xs" h="auto" py={6} variant="default" onClick={() => void downloadErrors()} loading={saving} styles={{ label: { whiteSpace: 'normal' } }}>
            Download the rows with problems as CSV
          </Button>
        </Alert>
      ) : (
        <Text size="sm" mt="xs" c="teal.9" data-testid="import-no-errors">
          No problems found.
        </Text>
      )}
      {result.errors.length > 0 && <ProblemRows errors={result.errors.slice(0, SHOWN_ERRORS)} />}
      {result.errors.length > SHOWN_ERRORS && (
        <Text size="sm" mt="xs">
          Showing the first {formatNumber(SHOWN_ERRORS)} of {plural(result.errors.length, 'problem', 'problems')}; the CSV download has them all.
        </Text>
      )}
      {result.skipped.length > 0 && (
        <Text size="sm" mt="sm">
          Skipped:{' '}
          {result.skipped.length > 5
            ? `${result.skipped.slice(0, 5).map(skippedRow).join(', ')} and ${formatNumber(result.skipped.length - 5)} more`
            : formatList(result.skipped.map(skippedRow))}
          . {result.skipped[0]?.reason}
        </Text>
      )}
      <Title order={3} size="h5" mt="md" mb="xs">
        The first rows as they will be stored
      </Title>
      <PreviewRows rows={result.preview} />
    </Paper>
  )
}
