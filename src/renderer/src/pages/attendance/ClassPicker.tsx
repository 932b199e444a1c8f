// Today's classes first, then upcoming, then past ones; filtered by location and course.
// The first of them are listed, with how many there are and a button for more.
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core'
import type { AttendanceClass } from '../../../../shared/operations/attendance'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { useLmsRead } from '../../data/queries'
import { useT, type MessageId } from '../../i18n'
import { courseNameRead, searchCourses } from '../../lib/pickers'
import classes from './Attendance.module.css'
import { ClassOption } from './ClassOption'

/** Courses that have classes, searched on the server. */
const searchClassCourses = searchCourses({ withClasses: true })

type Kind = 'current' | 'past'

interface ClassPickerProps {
  list: AttendanceClass[] | null
  /** How many classes match the filters, to come (today's too) and past. */
  counts: Record<Kind, number> | null
  onShowMore(kind: Kind): void
  locations: { id: number; name: string }[]
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

export function ClassPicker({ list, counts, onShowMore, locations, locationId, courseId, selectedId, onFilter, onSelect }: ClassPickerProps) {
  const t = useT()
  const course = useLmsRead(courseId ? courseNameRead(courseId) : null)
  const listed = (kind: Kind) => list?.filter((c) => (kind === 'past' ? c.when === 'past' : c.when !== 'past')).length ?? 0
  // Said after the last group of its kind: how many are listed, and a button for more.
  const more = (kind: Kind) =>
    counts && counts[kind] > listed(kind) ? (
      <Group gap="xs" justify="space-between" data-testid={`more-${kind}`}>
        <Text size="sm" c="dimmed">
          {t('attendance.classesListed', { kind, listed: listed(kind), count: counts[kind] })}
        </Text>
        <Button size="compact-sm" variant="default" onClick={() => onShowMore(kind)}>
          {t(kind === 'past' ? 'attendance.morePast' : 'attendance.moreToCome')}
        </Button>
      </Group>
    ) : null
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
      <ServerSearchSelect
        label={t('attendance.course')}
        placeholder={t('attendance.allCourses')}
        noun="course"
        search={searchClassCourses}
        value={courseId ? String(courseId) : null}
        valueLabel={course.data}
        onChange={(v) => onFilter({ locationId, courseId: v ? Number(v) : null })}
      />
      {list?.length === 0 && <Text c="dimmed">{t('attendance.noClass')}</Text>}
      {GROUPS.map(({ when, title }) => {
        const group = list?.filter((c) => c.when === when) ?? []
        if (group.length === 0) return when === 'upcoming' ? <div key={when}>{more('current')}</div> : null
        return (
          <section key={when} aria-labelledby={`classes-${when}`}>
            <Title order={2} size="h5" id={`classes-${when}`} mb={6}>
              {t(title)}
            </Title>
            <ul className={classes.classList}>
              {group.map((c) => (
                <ClassOption key={c.id} option={c} selected={c.id === selectedId} onSelect={onSelect} />
              ))}
            </ul>
            {when === 'upcoming' && more('current')}
            {when === 'past' && more('past')}
          </section>
        )
      })}
    </Stack>
  )
}
