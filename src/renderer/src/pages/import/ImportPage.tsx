// The Import screen: choose a CSV, see how it is read, choose what everyone in it gets, see
// every problem and what each row will do before anything is written, import with a
// progress bar and cancel, and undo an import afterwards. Choosing another file starts its
// settings and options afresh and says which options were cleared: an option meant for one
// file never reaches the next unseen.
import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { lms } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { useI18n, useT } from '../../i18n'
import type { ImportBatchRecord } from '../../../../shared/operations/import'
import { CheckSummary } from './CheckSummary'
import { FileChooser } from './FileChooser'
import { ImportOptions } from './ImportOptions'
import { RunProgress, RunResult } from './ImportRun'
import { MappingPanel } from './MappingPanel'
import { NameChecks } from './NameChecks'
import { RecentImports } from './RecentImports'
import { UndoImportDialog } from './UndoImportDialog'
import { useImportFile } from './useImportFile'
import { useImportRun } from './useImportRun'
import { useLmsQuery } from '../../data/queries'

export function ImportPage() {
  const { file, fileError, settings, setSettings, choices, setChoices, cleared, dismissCleared, request, check, checking, checkError, correctName, choose: chooseFile, imported } =
    useImportFile()
  const { running, cancelling, result, undo, resultRef, start: startRun, cancel, clear: clearResult, undone } = useImportRun(imported)
  const [undoTarget, setUndoTarget] = useState<number | null>(null)
  const batches = useLmsQuery('import.batches', { limit: 10 })
  const t = useT()

  const choose = (chosen: File) => {
    clearResult()
    void chooseFile(chosen)
  }
  const start = () => {
    if (file) void startRun(request())
  }

  const importable = check ? check.create + check.update : 0
  const busy = running !== null

  return (
    <Stack gap="md">
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <FileChooser fileName={file?.name ?? null} onFile={choose} />
      {fileError && (
        <Alert color="red" title={t('import.cannotImport')} role="alert">
          {fileError}
        </Alert>
      )}
      {cleared && file && (
        <Alert color="yellow" title={t('import.optionsCleared')} data-testid="import-options-reset" withCloseButton onClose={dismissCleared}>
          {t('import.optionsClearedBody', { file: cleared.fileName, what: cleared.what })}
        </Alert>
      )}
      {checkError && (
        <Alert color="red" title={t('import.cannotImport')} role="alert" data-testid="import-check-error">
          {checkError}
        </Alert>
      )}
      {file && checking && !check && <Text size="sm">{t('import.checking')}</Text>}
      {file && check && <MappingPanel result={check} settings={settings} onChange={setSettings} busy={busy} />}
      {file && check && <NameChecks key={file.serial} checks={check.nameChecks} onCorrect={correctName} busy={busy} />}
      {file && (check || checkError) && <ImportOptions choices={choices} onChange={setChoices} busy={busy} />}
      {file && check && <CheckSummary result={check} mode={choices.mode} errorCsv={() => lms.call('import.errorCsv', { ...request(), locale: useI18n.getState().locale })} />}
      {file && check && !running && (
        <Group>
          <Button onClick={start} disabled={importable === 0 || checking} loading={checking}>
            {importable === 0 ? t('import.nothing') : t('import.importN', { count: importable })}
          </Button>
          {check.errors.length > 0 && <Text size="sm">{t('import.leftOut', { count: check.rows - check.valid })}</Text>}
        </Group>
      )}
      {running && <RunProgress progress={running.progress} onCancel={() => void cancel()} cancelling={cancelling} />}
      {result && (
        <div ref={resultRef}>
          <RunResult result={result} undo={undo} onUndo={() => setUndoTarget(result.batchId)} />
        </div>
      )}
      <RecentImports batches={batches.data} onUndo={(b: ImportBatchRecord) => setUndoTarget(b.id)} />
      <UndoImportDialog batchId={undoTarget} onUndone={undone} onClose={() => setUndoTarget(null)} />
    </Stack>
  )
}
