// What the dry run found: counts, what everyone imported gets, every error with its row,
// column and value (and the refused rows as a CSV of the file's own columns to fix and
// import again), and the first rows as they will be stored.
import { Alert, Button, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { formatList } from '../../lib/format'
import { t as translate, useT } from '../../i18n'
import { reasonText } from '../../lib/errors'
import { notifyError } from '../../lib/notify'
import type { DryRunResult, ErrorCsvResult, ImportMode } from '../../../../shared/operations/import'
import { optionParts } from './describe'
import { saveText } from '../../lib/download'
import { PreviewRows } from './PreviewRows'
import { ProblemRows } from './ProblemRows'
import { Section } from '../../components/Section'

/** Rows of the problem table drawn at once; a file of 50,000 bad rows would stall the page. */
const SHOWN_ERRORS = 500
const skippedRow = (s: { row: number; email: string }) => translate('import.skippedRow', { row: String(s.row), email: s.email })

export function CheckSummary({ result, mode, errorCsv }: { result: DryRunResult; mode: ImportMode; errorCsv(): Promise<ErrorCsvResult> }) {
  const [saving, setSaving] = useState(false)
  const t = useT()
  const [listed, setListed] = useState<string | null>(null)
  const downloadErrors = async () => {
    setSaving(true)
    try {
      const { csv, fileName, rowsListed, rowsWithProblems } = await errorCsv()
      saveText(csv, fileName)
      // A file of very many bad rows: the download lists the first ones (the engine's bound).
      setListed(
        rowsListed !== undefined && rowsWithProblems !== undefined && rowsListed < rowsWithProblems
          ? t('import.errorsListed', { listed: rowsListed, count: rowsWithProblems })
          : null,
      )
    } catch (error) {
      notifyError(error, t('import.errorsFailed'))
    } finally {
      setSaving(false)
    }
  }
  const errorRows = result.rows - result.valid
  const everyone = optionParts(result.options, mode)
  return (
    <Section id="import-check-title" title={t('import.step4')}>
      <Text size="sm" role="status" data-testid="import-summary">
        {t('import.summary', { rows: result.rows, create: result.create, update: result.update, skip: result.skip, errors: errorRows })}
      </Text>
      <Text size="sm" mt={4} fw={600} data-testid="import-everyone">
        {everyone.length ? t('import.everyone', { options: formatList(everyone) }) : t('import.everyoneNothing')}
      </Text>
      {result.errorCount > 0 ? (
        <Alert color="red" variant="light" mt="sm" title={t('import.problemsTitle', { problems: result.errorCount, rows: errorRows })}>
          <Text size="sm">{t('import.problemsHelp')}</Text>
          <Button mt="xs" size="xs" h="auto" py={6} variant="default" onClick={() => void downloadErrors()} loading={saving} styles={{ label: { whiteSpace: 'normal' } }}>
            {t('import.downloadProblems')}
          </Button>
          {listed && (
            <Text size="sm" mt="xs" role="status">
              {listed}
            </Text>
          )}
        </Alert>
      ) : (
        <Text size="sm" mt="xs" c="teal.9" data-testid="import-no-errors">
          {t('import.noProblems')}
        </Text>
      )}
      {result.errors.length > 0 && <ProblemRows errors={result.errors.slice(0, SHOWN_ERRORS)} />}
      {result.errorCount > SHOWN_ERRORS && (
        <Text size="sm" mt="xs">
          {t('import.showingFirst', { shown: SHOWN_ERRORS, count: result.errorCount })}
        </Text>
      )}
      {result.skipped.length > 0 && (
        <Text size="sm" mt="sm">
          {t('import.skipped', {
            rows:
              result.skipped.length > 5
                ? t('import.skippedMore', { rows: result.skipped.slice(0, 5).map(skippedRow).join(', '), count: result.skip - 5 })
                : formatList(result.skipped.map(skippedRow)),
            reason: reasonText(result.skipped[0]?.reasonCode, result.skipped[0]?.reason ?? ''),
          })}
        </Text>
      )}
      <Title order={3} size="h5" mt="md" mb="xs">
        {t('import.firstRows')}
      </Title>
      <PreviewRows rows={result.preview} />
    </Section>
  )
}
