// The words the Import screen uses for what an import does: the options everyone gets, a
// course or class a row is put in. One place, so the preview, the "everyone gets" line and
// the notice of cleared options say the same thing.
import { formatDay, formatList, formatTime } from '../../lib/format'
import { t, type MessageId } from '../../i18n'
import type { ImportClassTarget, ImportMode, ImportNamedId, ImportOptionsView } from '../../../../shared/operations/import'

/** "First Aid at Work, Thu, Dec 3, 2026, 10:00 AM, New Jersey Training Centre": a class as trainers tell them apart. */
export const classLabel = (c: Pick<ImportClassTarget, 'courseName' | 'start' | 'location'>) =>
  c.location
    ? t('import.classLabel', { course: c.courseName, day: formatDay(c.start), time: formatTime(c.start), location: c.location })
    : t('import.classLabelNoLocation', { course: c.courseName, day: formatDay(c.start), time: formatTime(c.start) })

export const namedOrId = (what: 'group' | 'plan', v: ImportNamedId) => v.name ?? t(what === 'group' ? 'import.notKnownHere.group' : 'import.notKnownHere.plan', { id: String(v.id) })

/** How the import treats existing users, as the screen offers it. */
export const MODE_LABELS: Record<ImportMode, MessageId> = { add_new: 'import.mode.add_new', add_update: 'import.mode.add_update', update_only: 'import.mode.update_only' }
const MODE_IN_SENTENCE: Record<ImportMode, MessageId> = { add_new: 'import.modeLower.add_new', add_update: 'import.modeLower.add_update', update_only: 'import.modeLower.update_only' }

/** "courses First Aid at Work and Data Protection Basics", "group Contractors", ...; empty when nothing is chosen. */
export function optionParts(options: ImportOptionsView, mode?: ImportMode): string[] {
  const parts: string[] = []
  if (options.courses.length) parts.push(t('import.option.courses', { count: options.courses.length, names: formatList(options.courses.map((c) => c.name)) }))
  if (options.classes.length) parts.push(t('import.option.classes', { count: options.classes.length, names: formatList(options.classes.map(classLabel)) }))
  if (options.group) parts.push(t('import.option.group', { name: namedOrId('group', options.group) }))
  if (options.membership) parts.push(t('import.option.plan', { name: namedOrId('plan', options.membership) }))
  if (mode && mode !== 'add_new') parts.push(t('import.option.mode', { mode: t(MODE_IN_SENTENCE[mode]) }))
  return parts
}
