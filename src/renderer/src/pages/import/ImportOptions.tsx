// What the import does with existing users, and what everyone it imports gets: courses,
// classes, a group and a membership plan, each picked by name. Choosing another file clears
// these (ImportPage), so an option meant for one file never reaches the next unseen.
import { MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, Title } from '@mantine/core'
import { lms } from '../../api/client'
import { useLoad } from '../../hooks/useLoad'
import { formatDay, formatTime } from '../../lib/format'
import { IMPORT_MODE_LABELS, IMPORT_MODES, type ImportClassTarget, type ImportMode } from '../../../../shared/operations/import'

export interface ImportChoices {
  mode: ImportMode
  courses: string[]
  classes: string[]
  groupId: string | null
  membershipId: string | null
}

export const INITIAL_CHOICES: ImportChoices = { mode: 'add_new', courses: [], classes: [], groupId: null, membershipId: null }

/** Whether anything beyond the defaults is chosen. */
export const hasChoices = (c: ImportChoices) => c.mode !== INITIAL_CHOICES.mode || c.courses.length > 0 || c.classes.length > 0 || c.groupId !== null || c.membershipId !== null

/** "First Aid at Work, Thu, Dec 3, 2026, 10:00 AM, New Jersey Training Centre": a class as trainers tell them apart. */
export const classLabel = (c: Pick<ImportClassTarget, 'courseName' | 'start' | 'location'>) =>
  [c.courseName, `${formatDay(c.start)}, ${formatTime(c.start)}`, c.location].filter(Boolean).join(' · ')

export function ImportOptions({ choices, onChange, busy }: { choices: ImportChoices; onChange(next: ImportChoices): void; busy: boolean }) {
  const courses = useLoad(() => lms.call('courses.lookup', {}))
  const known = useLoad(() => lms.call('import.choices', {}))
  const loading = (what: string, loaded: unknown) => (loaded ? what : 'Loading…')
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-options-title">
      <Title order={2} size="h4" id="import-options-title" mb="xs">
        3. Options for everyone in this file
      </Title>
      <Stack gap="sm">
        <Radio.Group label="Existing users" value={choices.mode} onChange={(v) => onChange({ ...choices, mode: v as ImportMode })}>
          <Stack gap={6} mt={6}>
            {IMPORT_MODES.map((m) => (
              <Radio key={m} value={m} label={IMPORT_MODE_LABELS[m]} disabled={busy} />
            ))}
          </Stack>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <MultiSelect
            label="Enroll everyone into courses"
            description="Besides the courses a row names itself."
            placeholder={loading('Choose courses', courses.data)}
            data={(courses.data ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
            value={choices.courses}
            onChange={(v) => onChange({ ...choices, courses: v })}
            searchable
            clearable
            disabled={busy}
            error={courses.error}
          />
          <MultiSelect
            label="Register everyone in classes"
            description="Classes still to come that are not signed off."
            placeholder={loading('Choose classes', known.data)}
            data={(known.data?.classes ?? []).map((c) => ({ value: String(c.id), label: classLabel(c) }))}
            value={choices.classes}
            onChange={(v) => onChange({ ...choices, classes: v })}
            searchable
            clearable
            disabled={busy}
            error={known.error}
          />
          <Select
            label="Group"
            description="The hosted LMS's user group new users are created in and new enrollments made for (as of the last sync)."
            placeholder={loading(known.data?.groups.length === 0 ? 'No groups known here' : 'No group', known.data)}
            data={(known.data?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
            value={choices.groupId}
            onChange={(v) => onChange({ ...choices, groupId: v })}
            searchable
            clearable
            disabled={busy}
          />
          <Select
            label="Membership plan"
            description="Given to the users this import creates; existing users keep theirs. Plans held by users on this computer."
            placeholder={loading(known.data?.memberships.length === 0 ? 'No plans known here' : 'No plan', known.data)}
            data={(known.data?.memberships ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
            value={choices.membershipId}
            onChange={(v) => onChange({ ...choices, membershipId: v })}
            searchable
            clearable
            disabled={busy}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  )
}
