// The file being imported and everything chosen for it: reading settings, options and name
// corrections. Every change checks the whole file again (a dry run); choosing another file
// starts its settings and options afresh and says which options were cleared.
import { useEffect, useRef, useState } from 'react'
import type { DryRunResult } from '../../../../shared/operations/import'
import { useLmsQuery } from '../../data/queries'
import { errorMessage } from '../../lib/errors'
import { formatList } from '../../lib/format'
import { optionParts } from './describe'
import { readAsBase64, sizeProblem } from './files'
import { hasChoices, INITIAL_CHOICES } from './ImportOptions'
import { importRequest } from './importRequest'
import { INITIAL_SETTINGS } from './MappingPanel'
import type { NameCorrection } from './NameChecks'

interface Chosen {
  name: string
  base64: string
  /** Tells two choices of the same file apart (its name checks start afresh). */
  serial: number
}

export function useImportFile() {
  const [file, setFile] = useState<Chosen | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [settings, setSettings] = useState(INITIAL_SETTINGS)
  const [choices, setChoices] = useState(INITIAL_CHOICES)
  const [names, setNames] = useState<Record<number, NameCorrection>>({})
  const [cleared, setCleared] = useState<{ fileName: string; what: string } | null>(null)
  const serial = useRef(0)
  // Read by request(): a correction handed on by a field's blur counts even if Import is clicked before the page re-renders.
  const namesRef = useRef(names)
  /** The last file checked and what its options were, by name: for the notice when the next file clears them. */
  const lastChecked = useRef<{ fileName: string; what: string[] } | null>(null)

  const request = () => importRequest(file, settings, choices, namesRef.current)

  // Every change of file, reading settings, options or names checks the whole file again.
  // request() reads the state named in the key.
  const dryRun = useLmsQuery('import.dryRun', request(), {
    enabled: file !== null,
    key: [file?.serial, settings, choices, names],
    // While a changed option or name is checked again, the last check stays on screen (and the fields being typed in).
    keepPreviousOf: file?.serial ?? null,
  })
  const check: DryRunResult | null = dryRun.data
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

  /** Once imported, the file is done with and so is the notice about the last one's options. */
  const imported = () => {
    setFile(null)
    setCleared(null)
  }

  return {
    file, fileError, settings, setSettings, choices, setChoices, cleared, dismissCleared: () => setCleared(null),
    request, check, checking: dryRun.loading, checkError: dryRun.error, correctName, choose, imported,
  }
}
