// App operations: not part of the hosted API, served at POST /app/<name>.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { LOCALES, type Locale } from '../i18n/locales'

export interface AppStatus {
  /** Change records not yet sent to the hosted LMS. */
  pendingChanges: number
  /** Not configured; configured but not contacted yet; online (the LMS API answered the last run) or offline (it did not). */
  connection: 'not_configured' | 'not_contacted' | 'online' | 'offline'
  profile: 'demo' | 'site'
  schemaVersion: number
  actor: { id: number; name: string } | null
}

export interface ChangeRecordView {
  id: number
  operation: string
  entity: string
  localId: number | null
  input: unknown
  state: string
  createdAt: string
}

export const appStatus = defineOperation({
  name: 'app.status',
  summary: 'Profile, connection and unsynced change count',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<AppStatus>(),
})

export const appChanges = defineOperation({
  name: 'app.changes',
  summary: 'The change records waiting for sync, oldest first, a page at a time (app.status counts them all)',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    limit: z.number().int().min(1).max(1000).default(100),
    /** The id of the last record of the previous page: the next page starts after it. */
    afterId: z.number().int().min(0).optional(),
  }),
  output: returns<ChangeRecordView[]>(),
})


/**
 * Opens an uploaded file with the laptop's default program. Only the desktop shell can do
 * that: its main process answers this operation itself; the engine answers that it cannot.
 */
export const appOpenFile = defineOperation({
  name: 'app.openFile',
  summary: 'Open an uploaded file with its default program (desktop app only)',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ url: z.string().max(2000).startsWith('lms-file://uploads/', { error: 'Only uploaded files can be opened.' }) }),
  output: returns<{ opened: boolean }>(),
})

/**
 * Stops a running job (an operation declared `kind: 'job'`: an import, a PDF, a sync run)
 * at its next checkpoint: what it committed before stays, and its answer says so. The job
 * is named by the `jobId` its call was given (or the one its progress events carry).
 */
export const appCancelJob = defineOperation({
  name: 'app.cancelJob',
  summary: 'Stop a running job at its next checkpoint',
  // It changes no rows: it only asks the job to stop.
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ jobId: z.string().trim().min(1).max(100) }),
  output: returns<CancelJobResult>(),
})

export interface CancelJobResult {
  /** False when no job of that id is running (it ended, or never ran). */
  cancelled: boolean
  /** The operation the job runs, when one of that id is known. */
  operation: string | null
}

/** Settings kept per profile (in its data folder), so the demo world and a site can differ. */
export interface AppSettings {
  /** The app's language; null follows the system's. */
  locale: Locale | null
}

export const appSettings = defineOperation({
  name: 'app.settings',
  summary: "This profile's settings: the app's language (null: the system's)",
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<AppSettings>(),
})

export const appSetLocale = defineOperation({
  name: 'app.setLocale',
  summary: "Choose the app's language for this profile (null: follow the system's)",
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ locale: z.enum(LOCALES).nullable() }),
  output: returns<AppSettings>(),
  // A choice of this laptop's profile; the hosted LMS has no such setting.
  sync: null,
})

export const appOperations = [appStatus, appChanges, appOpenFile, appSettings, appSetLocale, appCancelJob] as const
