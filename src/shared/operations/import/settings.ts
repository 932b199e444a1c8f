// What an import can be told: modes, the fields a column can become, how the file is read.
import documentsAr from '../../i18n/documents/ar.json'
import documentsEn from '../../i18n/documents/en.json'
import documentsEs from '../../i18n/documents/es.json'
import documentsFr from '../../i18n/documents/fr.json'

export const IMPORT_MODES = ['add_new', 'add_update', 'update_only'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  add_new: 'Add new users only (skip existing)',
  add_update: 'Add new users and update existing ones',
  update_only: 'Update existing users only (skip new)',
}

/**
 * What a column can become. `username`: a sign-in name, used as the email where it is one
 * and the row has no email of its own. `full_name`: split into first and last name where
 * the row has none. `custom` keeps the value as a custom user field ("Header: value").
 * Several columns may hold courses or classes (Moodle's course1, course2, ...).
 */
export const IMPORT_FIELDS = ['email', 'username', 'first_name', 'last_name', 'full_name', 'password', 'courses', 'classes', 'custom', 'ignore'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** How a full name is written: "Ann Lee" or "Lee Ann" (family name first). "Lee, Ann" is read either way. */
export const FULL_NAME_ORDERS = ['first_last', 'last_first'] as const
export type FullNameOrder = (typeof FULL_NAME_ORDERS)[number]

/** The first column of the error CSV (in English); an import of that file ignores it. */
export const ERROR_CSV_COLUMN = documentsEn['importErrors.column']
/** That column as every shipped language names it: an error CSV written in any of them is read back. */
export const ERROR_CSV_COLUMNS: readonly string[] = [documentsEn, documentsEs, documentsFr, documentsAr].map((d) => d['importErrors.column'])

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252'] as const
/** Files above this size are refused before any parsing. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024
