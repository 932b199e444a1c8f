// Today's classes first, then upcoming, then past ones; filtered by location and course.
import { Badge, Group, Select, Stack, Text, Title } from '@mantine/core'
import type { AttendanceClass } from '../../../../shared/operations/attendance'
import { t as translate, useT, type MessageId } from '../../i18n'
import { formatDay, formatTime } from '../../lib/format'
import classes from './Attendance.module.css'

interface ClassPickerProps {
  list: AttendanceClass[] | null
  locations: { id: number; name: string }[]
  courses: { id: number; name: string }[]
  locationId: number | null
  courseId: number | null
  selectedId: number | null
  onFilter(filter: { locationId: number | null; courseId: number | null }): void
  onSelect(id: number): void
}

const GROUPS: { when: AttendanceClass['when']; title: MessageId }[] = [
  { when: 'today', title: 'attendance.when.today' },
  { when: 'upcoming', title: 'attendance.when.upcoming' },
  { when: 'past', title: 'attendance.when.past' },
]

export const classTimeText = (c: { start: string; end: string }) => translate('attendance.classTime', { day: formatDay(c.start), start: formatTime(c.start), end: formatTime(c.end) })

export function ClassPicker({ list, locations, courses, locationId, courseId, selectedId, onFilter, onSelect }: ClassPickerProps) {
  const t = useT()
  return (
    <Stack gap="sm" component="nav" aria-label={t('attendance.classes')}>
      <Select
        label={t('attendance.location')}
        placeholder={t('attendance.allLocations')}
        data={locations.map((l) => ({ value: String(l.id), label: l.name }))}
        value={locationId ? String(locationId) : null}
        onChange={(v) => onFilter({ locationId: v ? Number(v) : null, courseId })}
        clearable
      />
      <Select
        label={t('attendance.course')}
        placeholder={t('attendance.allCourses')}
        data={courses.map((c) => ({ value: String(c.id), label: c.name }))}
        value={courseId ? String(courseId) : null}
        onChange={(v) => onFilter({ locationId, courseId: v ? Number(v) : null })}
        clearable
        searchable
      />
      {list?.length === 0 && <Text c="dimmed">{t('attendance.noClass')}</Text>}
      {GROUPS.map(({ when, title }) => {
        const group = list?.filter((c) => c.when === when) ?? []
        if (group.length === 0) return null
        return (
          <section key={when} aria-labelledby={`classes-${when}`}>
            <Title order={2} size="h5" id={`classes-${when}`} mb={6}>
              {t(title)}
            </Title>
            <ul className={classes.classList}>
              {group.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className={classes.classButton}
                    aria-current={c.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(c.id)}
                    data-testid="class-option"
                  >
                    <Text fw={600} component="span" display="block">
                      {c.courseName}
                    </Text>
                    <Text size="sm" component="span" display="block">
                      {classTimeText(c)}
                    </Text>
                    <Group gap={6} mt={4} component="span">
                      <Text size="sm" c="dimmed" component="span">
                        {t('attendance.classLine', { location: c.location || t('attendance.noLocation'), marked: c.marked, learners: c.learners })}
                      </Text>
                      {c.signedOff && (
                        <Badge size="sm" color="gray.7" variant="filled" component="span">
                          {t('attendance.signedOffBadge')}
                        </Badge>
                      )}
                    </Group>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </Stack>
  )
}
