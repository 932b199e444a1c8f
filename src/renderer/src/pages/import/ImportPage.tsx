// The Import screen: choose a CSV, see how it is read, choose what everyone in it gets, see
// every problem and what each row will do before anything is written, import with a
// progress bar and cancel, and undo an import afterwards. Choosing another file starts its
// settings and options afresh and says which options were cleared: an option meant for one
// file never reaches the next unseen.
import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/errors'
import { formatList } from '../../lib/format'
import { useI18n, useT } from '../../i18n'
import { notifyError, notifySuccess } from '../../lib/notify'
import type { CommitResult, DryRunResult, ImportBatchRecord, ImportProgress, UndoResult } from '../../../../shared/operations/import'
import { CheckSummary } from './CheckSummary'
import { optionParts } from './describe'
import { FileChooser } from './FileChooser'
import { readAsBase64, sizeProblem } from './files'
import { hasChoices, ImportOptions, INITIAL_CHOICES } from './ImportOptions'
import { RunProgress, RunResult, undoMessage } from './ImportRun'
import { INITIAL_SETTINGS, MappingPanel } from './MappingPanel'
import { NameChecks, type NameCorrection } from './NameChecks'
import { RecentImports } from './RecentImports'
import { useLmsQuery } from '../../data/queries'

interface Chosen {
  name: string
  base64: string
  /** Tells two choices of the same file apart (its name checks start afresh). */
  serial: number
}

const ids = (values: readonly string[]) => values.map(Number)

export function ImportPage() {
  const [file, setFile] = useState<Chosen | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [settings, setSettings] = useState(INITIAL_SETTINGS)
  const [choices, setChoices] = useState(INITIAL_CHOICES)
  const [names, setNames] = useState<Record<number, NameCorrection>>({})
  const [cleared, setCleared] = useState<{ fileName: string; what: string } | null>(null)
  const [running, setRunning] = useState<{ jobId: string; progress: ImportProgress | null } | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [result, setResult] = useState<CommitResult | null>(null)
  const [undo, setUndo] = useState<UndoResult | null>(null)
  const [undoTarget, setUndoTarget] = useState<number | null>(null)
  const [undoing, setUndoing] = useState(false)
  const batches = useLmsQuery('import.batches', { limit: 10 })
  const t = useT()
  const serial = useRef(0)
  const resultRef = useRef<HTMLDivElement>(null)
  // Read by request(): a correction handed on by a field's blur counts even if Import is clicked before the page re-renders.
  const namesRef = useRef(names)
  /** The last file checked and what its options were, by name: for the notice when the next file clears them. */
  const lastChecked = useRef<{ fileName: string; what: string[] } | null>(null)

  const request = () => ({
    contentBase64: file?.base64 ?? '',
    fileName: file?.name,
    mode: choices.mode,
    ...(settings.encoding !== 'auto' ? { encoding: settings.encoding } : {}),
    ...(settings.delimiter !== 'auto' ? { delimiter: settings.delimiter } : {}),
    columns: settings.columns,
    fullNameOrder: settings.fullNameOrder,
    names: Object.entries(namesRef.current).map(([row, n]) => ({ row: Number(row), ...n })),
    selectedCourses: ids(choices.courses),
    classIds: ids(choices.classes),
    groupId: choices.groupId === null ? null : Number(choices.groupId),
    membershipId: choices.membershipId === null ? null : Number(choices.membershipId),
  })

  // Every change of file, reading settings, options or names checks the whole file again.
  // request() reads the state named in the key.
  const dryRun = useLmsQuery('import.dryRun', request(), {
    enabled: file !== null,
    key: [file?.serial, settings, choices, names],
    // While a changed option or name is checked again, the last check stays on screen (and the fields being typed in).
    keepPreviousOf: file?.serial ?? null,
  })
  const check: DryRunResult | null = dryRun.data
  const checking = dryRun.loading
  const checkError = dryRun.error
  useEffect(() => {
    if (file && check) lastChecked.current = { fileName: file.name, what: optionParts(check.options, choices.mode) }
    // The check answers the file and options it was asked for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [check])

  const correctName = (row: number, corrected: NameCorrection) => {
    namesRef.current = { ...namesRef.current, [row]: corrected }
    setNames(namesRef.current)
  }

  const choose = async (chosen: File) => {
    const tooBig = sizeProblem(chosen)
    setResult(null)
    setUndo(null)
    // A new file starts with the default settings and no options; the notice names what was cleared.
    const previous = lastChecked.current
    setCleared(hasChoices(choices) && previous?.what.length ? { fileName: previous.fileName, what: formatList(previous.what) } : null)
    setChoices(INITIAL_CHOICES)
    setSettings(INITIAL_SETTINGS)
    namesRef.current = {}
    setNames({})
    lastChecked.current = null
    if (tooBig) {
      setFile(null)
      setFileError(tooBig)
      return
    }
    try {
      setFileError(null)
      setFile({ name: chosen.name, base64: await readAsBase64(chosen), serial: ++serial.current })
    } catch (error) {
      setFileError(errorMessage(error))
    }
  }

  const start = async () => {
    if (!file) return
    const jobId = crypto.randomUUID()
    setRunning({ jobId, progress: null })
    setCancelling(false)
    try {
      const answer = await lms.call('import.commit', { ...request(), jobId }, { onProgress: (progress) => setRunning({ jobId, progress }) })
      setResult(answer)
      setUndo(null)
      setFile(null)
      setCleared(null)
      notifySuccess(
        t('import.countsShort', { created: answer.created, updated: answer.updated, skipped: answer.skipped, failed: answer.failed }),
        answer.cancelled ? t('import.cancelled') : t('import.finished'),
      )
    } catch (error) {
      notifyError(error, t('import.failed'))
    } finally {
      setRunning(null)
    }
  }

  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>('h2')?.focus()
  }, [result])

  const cancel = async () => {
    if (!running) return
    setCancelling(true)
    try {
      await lms.call('import.cancel', { jobId: running.jobId })
    } catch (error) {
      notifyError(error, t('import.cancelFailed'))
    }
  }

  const confirmUndo = async () => {
    if (undoTarget === null) return
    setUndoing(true)
    try {
      const answer = await lms.call('import.undo', { batchId: undoTarget })
      if (result?.batchId === undoTarget) setUndo(answer)
      ;(answer.refused.length ? notifyError : notifySuccess)(undoMessage(answer), t('import.undone', { id: String(undoTarget) }))
      setUndoTarget(null)
    } catch (error) {
      notifyError(error, t('import.undoFailed'))
    } finally {
      setUndoing(false)
    }
  }

  const importable = check ? check.create + check.update : 0
  const busy = running !== null

  return (
    <Stack gap="md">
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <FileChooser fileName={file?.name ?? null} onFile={(f) => void choose(f)} />
      {fileError && (
        <Alert color="red" title={t('import.cannotImport')} role="alert">
          {fileError}
        </Alert>
      )}
      {cleared && file && (
        <Alert color="yellow" title={t('import.optionsCleared')} data-testid="import-options-reset" withCloseButton onClose={() => setCleared(null)}>
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
          <Button onClick={() => void start()} disabled={importable === 0 || checking} loading={checking}>
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
      <ConfirmDialog
        opened={undoTarget !== null}
        title={t('import.undoConfirmTitle', { id: String(undoTarget ?? '') })}
        confirmLabel={t('import.undoConfirm')}
        busy={undoing}
        onConfirm={() => void confirmUndo()}
        onClose={() => setUndoTarget(null)}
      >
        {t('import.undoConfirmBody')}
      </ConfirmDialog>
    </Stack>
  )
}
