// What the import does with existing users, and what everyone it imports gets: courses,
// classes, a group and a membership plan, each picked by name. Choosing another file clears
// these (ImportPage), so an option meant for one file never reaches the next unseen.
import { MultiSelect, Radio, Select, SimpleGrid, Stack } from '@mantine/core'
import { ServerSearchMultiSelect } from '../../components/ServerSearchSelect'
import { useLmsQuery } from '../../data/queries'
import { IMPORT_MODES, type ImportMode } from '../../../../shared/operations/import'
import { useT, type MessageId } from '../../i18n'
import { classLabel, MODE_LABELS } from './describe'
import { courseLabels, searchCourses } from '../../lib/pickers'
import { Section } from '../../components/Section'

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

/** Every course of the site: searched on the server. */
const searchAnyCourse = searchCourses()

export function ImportOptions({ choices, onChange, busy }: { choices: ImportChoices; onChange(next: ImportChoices): void; busy: boolean }) {
  const known = useLmsQuery('import.choices', {})
  const t = useT()
  const loading = (what: MessageId, loaded: unknown) => (loaded ? t(what) : t('import.loading'))
  return (
    <Section id="import-options-title" title={t('import.step3')}>
      <Stack gap="sm">
        <Radio.Group label={t('import.existingUsers')} value={choices.mode} onChange={(v) => onChange({ ...choices, mode: v as ImportMode })}>
          <Stack gap={6} mt={6}>
            {IMPORT_MODES.map((m) => (
              <Radio key={m} value={m} label={t(MODE_LABELS[m])} disabled={busy} />
            ))}
          </Stack>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ServerSearchMultiSelect
            label={t('import.enrollCourses')}
            description={t('import.enrollCoursesHelp')}
            placeholder={t('import.chooseCourses')}
            values={choices.courses}
            onChange={(v) => onChange({ ...choices, courses: v })}
            search={searchAnyCourse}
            labelsOf={courseLabels}
            noun="course"
            disabled={busy}
          />
          <MultiSelect
            label={t('import.registerClasses')}
            description={t('import.registerClassesHelp')}
            placeholder={loading('import.chooseClasses', known.data)}
            data={(known.data?.classes ?? []).map((c) => ({ value: String(c.id), label: classLabel(c) }))}
            value={choices.classes}
            onChange={(v) => onChange({ ...choices, classes: v })}
            searchable
            clearable
            disabled={busy}
            error={known.error}
          />
          <Select
            label={t('import.group')}
            description={t('import.groupHelp')}
            placeholder={loading(known.data?.groups.length === 0 ? 'import.noGroupsHere' : 'import.noGroup', known.data)}
            data={(known.data?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
            value={choices.groupId}
            onChange={(v) => onChange({ ...choices, groupId: v })}
            searchable
            clearable
            disabled={busy}
          />
          <Select
            label={t('import.plan')}
            description={t('import.planHelp')}
            placeholder={loading(known.data?.memberships.length === 0 ? 'import.noPlansHere' : 'import.noPlan', known.data)}
            data={(known.data?.memberships ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
            value={choices.membershipId}
            onChange={(v) => onChange({ ...choices, membershipId: v })}
            searchable
            clearable
            disabled={busy}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  )
}
