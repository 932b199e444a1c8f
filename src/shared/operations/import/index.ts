// Bulk user import: the documented bulk upload, its sample file and the user sources, and
// the app's CSV import pipeline (dry run, commit, cancel, progress, undo). Tools outside
// the app call the pipeline by these names at POST /app/<name>; keep them stable.
import { userSources, usersBulkUpload, usersBulkUploadSample } from './bulk-upload'
import { importBatches, importCancel, importChoices, importCommit, importDryRun, importErrorCsv, importProgress, importUndo } from './pipeline'

export * from './settings'
export * from './results'
export type { ImportInput } from './input'
export * from './pipeline'
export * from './bulk-upload'

export const importOperations = [
  usersBulkUpload,
  usersBulkUploadSample,
  userSources,
  importDryRun,
  importCommit,
  importCancel,
  importProgress,
  importUndo,
  importBatches,
  importErrorCsv,
  importChoices,
] as const
