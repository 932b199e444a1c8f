// The class list beside the roster. On a phone or small tablet it folds away once a class
// is open, so the roster comes first, with a button to unfold it.
import { Alert, Button, Group, Paper, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useT } from '../../i18n'
import { ClassPicker } from './ClassPicker'
import type { ClassChoice } from './useClassChoice'

/** Below this width the class list folds away once a class is open. */
const NARROW_QUERY = '(max-width: 900px)'

export function ClassPane({ choice, onSelect }: { choice: ClassChoice; onSelect(id: number): void }) {
  const { picker, classId, locationId, courseId } = choice
  const narrow = useMediaQuery(NARROW_QUERY) ?? false
  const [pickerOpen, setPickerOpen] = useState(false)
  const t = useT()

  return (
    <Paper withBorder p="sm">
      {picker.error && <Alert color="red" title={t('attendance.classesFailed')}>{picker.error}</Alert>}
      {narrow && classId !== null && !pickerOpen ? (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {picker.data ? t('attendance.classesToChoose', { count: picker.data.counts.current + picker.data.counts.past }) : t('attendance.loadingClasses')}
          </Text>
          <Button variant="default" size="sm" onClick={() => setPickerOpen(true)} aria-expanded={false}>
            {t('attendance.changeClass')}
          </Button>
        </Group>
      ) : (
        <ClassPicker
          list={picker.data?.classes ?? null}
          counts={picker.data?.counts ?? null}
          onShowMore={choice.showMore}
          locations={picker.data?.locations ?? []}
          locationId={locationId}
          courseId={courseId}
          selectedId={classId}
          onFilter={choice.filter}
          onSelect={(id) => {
            onSelect(id)
            setPickerOpen(false)
            choice.choose(id)
          }}
        />
      )}
    </Paper>
  )
}
