// What the import does with existing users, and where everyone it imports is enrolled.
import { MultiSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { lms } from '../../api/client'
import { useLoad } from '../../hooks/useLoad'
import { IMPORT_MODE_LABELS, IMPORT_MODES, type ImportMode } from '../../../../shared/operations/import'

export interface ImportChoices {
  mode: ImportMode
  courses: string[]
  classIds: string
  groupId: number | ''
  membershipId: number | ''
}

export const parseIds = (text: string): number[] => [...new Set(text.split(/[\s,;]+/).filter((p) => /^\d+$/.test(p)).map(Number))].filter((n) => n > 0)

export function ImportOptions({ choices, onChange, busy }: { choices: ImportChoices; onChange(next: ImportChoices): void; busy: boolean }) {
  const courses = useLoad(() => lms.call('courses.lookup', {}))
  const badClassText = choices.classIds.trim() !== '' && choices.classIds.split(/[\s,;]+/).some((p) => p !== '' && !/^\d+$/.test(p))
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-options-title">
      <Title order={2} size="h4" id="import-options-title" mb="xs">
        4. Options
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
            placeholder={courses.data ? 'Choose courses' : 'Loading courses…'}
            data={(courses.data ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
            value={choices.courses}
            onChange={(v) => onChange({ ...choices, courses: v })}
            searchable
            clearable
            disabled={busy}
            error={courses.error}
          />
          <TextInput
            label="Register everyone in classes (ids)"
            placeholder="e.g. 1, 2"
            value={choices.classIds}
            onChange={(e) => onChange({ ...choices, classIds: e.currentTarget.value })}
            disabled={busy}
            error={badClassText ? 'Class ids are numbers separated by commas or spaces.' : undefined}
          />
          <NumberInput label="Group id" min={1} allowDecimal={false} value={choices.groupId} onChange={(v) => onChange({ ...choices, groupId: typeof v === 'number' ? v : '' })} disabled={busy} />
          <NumberInput
            label="Membership id"
            min={1}
            allowDecimal={false}
            value={choices.membershipId}
            onChange={(v) => onChange({ ...choices, membershipId: typeof v === 'number' ? v : '' })}
            disabled={busy}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  )
}
