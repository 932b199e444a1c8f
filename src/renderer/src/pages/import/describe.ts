// The words the Import screen uses for what an import does: the options everyone gets, a
// course or class a row is put in. One place, so the preview, the "everyone gets" line and
// the notice of cleared options say the same thing.
import { formatList } from '../../lib/format'
import { IMPORT_MODE_LABELS, type ImportMode, type ImportNamedId, type ImportOptionsView } from '../../../../shared/operations/import'
import { classLabel } from './ImportOptions'

export const namedOrId = (what: 'group' | 'plan', v: ImportNamedId) => v.name ?? `${what} ${v.id} (not known on this computer)`

/** "courses First Aid at Work and Data Protection Basics", "group Contractors", ...; empty when nothing is chosen. */
export function optionParts(options: ImportOptionsView, mode?: ImportMode): string[] {
  const parts: string[] = []
  if (options.courses.length) parts.push(`${options.courses.length === 1 ? 'course' : 'courses'} ${formatList(options.courses.map((c) => c.name))}`)
  if (options.classes.length) parts.push(`${options.classes.length === 1 ? 'class' : 'classes'} ${formatList(options.classes.map(classLabel))}`)
  if (options.group) parts.push(`group ${namedOrId('group', options.group)}`)
  if (options.membership) parts.push(`membership plan ${namedOrId('plan', options.membership)} (new users)`)
  if (mode && mode !== 'add_new') parts.push(`existing users: ${IMPORT_MODE_LABELS[mode].toLowerCase()}`)
  return parts
}
