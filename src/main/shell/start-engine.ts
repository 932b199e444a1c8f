// Starting the engine on the profile's data folder, and what the person sees when it cannot
// be opened: the folder is in use by another process (who, since when), the database is
// damaged (restore the latest backup, or quit), the disk is full or read-only.
import type { Dialog } from 'electron'
import type { OpenRefusal } from '../engine/db/refusal'
import { EngineHost, EngineOpenError, type EngineHostOptions } from '../host/engine-host'

type Dialogs = Pick<Dialog, 'showMessageBox' | 'showErrorBox'>

const RESTORE = 0

function when(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))
}

/** The running engine, or null after telling the person why there is none (the app then quits). */
export async function startEngine(options: EngineHostOptions, deps: { dialog: Dialogs; locale: string; start?: typeof EngineHost.start }): Promise<EngineHost | null> {
  const start = deps.start ?? ((o: EngineHostOptions) => EngineHost.start(o))
  try {
    return await start(options)
  } catch (error) {
    const refusal = error instanceof EngineOpenError ? error.refusal : undefined
    const message = error instanceof Error ? error.message : String(error)
    if (refusal?.kind === 'damaged' && refusal.latestBackup && !options.restoreBackup) {
      const { response } = await deps.dialog.showMessageBox({
        type: 'error',
        title: 'The data is damaged',
        message: 'LMS Offline found its database damaged and did not open it.',
        detail: `${refusal.problem}.\n\nThe latest backup is from ${when(refusal.latestBackup.takenAt, deps.locale)}. Restoring it brings back the data as it was then; changes made after it are not in it. The damaged file is kept in the "damaged" folder beside the data.`,
        buttons: [`Restore the backup from ${when(refusal.latestBackup.takenAt, deps.locale)}`, 'Quit'],
        defaultId: RESTORE,
        cancelId: 1,
      })
      if (response === RESTORE) return startEngine({ ...options, restoreBackup: 'latest' }, deps)
      return null
    }
    deps.dialog.showErrorBox(titleOf(refusal), message)
    return null
  }
}

function titleOf(refusal: OpenRefusal | undefined): string {
  switch (refusal?.kind) {
    case 'locked':
      return 'LMS Offline is already using this data'
    case 'damaged':
    case 'no_usable_backup':
      return 'The data is damaged'
    case 'storage':
      return refusal.problem === 'disk_full' ? 'The disk is full' : 'The data cannot be written'
    default:
      return 'LMS Offline cannot open its data'
  }
}
