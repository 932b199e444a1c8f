// What the check, the error CSV and the import are asked: the file's bytes with the
// reading settings, options and name corrections chosen for it ('auto' is left out).
import type { ImportChoices } from './ImportOptions'
import type { ReadSettings } from './MappingPanel'
import type { NameCorrection } from './NameChecks'

const ids = (values: readonly string[]) => values.map(Number)

export function importRequest(file: { name: string; base64: string } | null, settings: ReadSettings, choices: ImportChoices, names: Record<number, NameCorrection>) {
  return {
    contentBase64: file?.base64 ?? '',
    fileName: file?.name,
    mode: choices.mode,
    ...(settings.encoding !== 'auto' ? { encoding: settings.encoding } : {}),
    ...(settings.delimiter !== 'auto' ? { delimiter: settings.delimiter } : {}),
    columns: settings.columns,
    fullNameOrder: settings.fullNameOrder,
    names: Object.entries(names).map(([row, n]) => ({ row: Number(row), ...n })),
    selectedCourses: ids(choices.courses),
    classIds: ids(choices.classes),
    groupId: choices.groupId === null ? null : Number(choices.groupId),
    membershipId: choices.membershipId === null ? null : Number(choices.membershipId),
  }
}
