// Today's classes first, then upcoming, then past ones; filtered by location and course.
// The first of them are listed, with how many there are and a button for more.
import { Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core'
import type { AttendanceClass } from '../../../../shared/operations/attendance'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { useLmsRead } from '../../data/queries'
import { formatDay, formatNumber, formatTime, plural } from '../../lib/format'
import { courseNameRead, searchCourses } from '../../lib/pickers'
import classes from './Attendance.module.css'

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

const GROUPS: { when: AttendanceClass['when']; title: string }[] = [
  { when: 'today', title: 'Today' },
  { when: 'upcoming', title: 'Upcoming' },
  { when: 'past', title: 'Past' },
]

export const classTimeText = (c: { start: string; end: string }) => `${formatDay(c.start)}, ${formatTime(c.start)}–${formatTime(c.end)}`

export function ClassPicker({ list, counts, onShowMore, locations, locationId, courseId, selectedId, onFilter, onSelect }: ClassPickerProps) {
  const course = useLmsRead(courseId ? courseNameRead(courseId) : null)
  const listed = (kind: Kind) => list?.filter((c) => (kind === 'past' ? c.when === 'past' : c.when !== 'past')).length ?? 0
  // Said after the last group of its kind: how many are listed, and a button for more.
  const more = (kind: Kind) =>
    counts && counts[kind] > listed(kind) ? (
      <Group gap="xs" justify="space-between" data-testid={`more-${kind}`}>
        <Text size="sm" c="dimmed">
          {`${formatNumber(listed(kind))} of ${plural(counts[kind], kind === 'past' ? 'past class' : 'class to come', kind === 'past' ? 'past classes' : 'classes to come')} listed.`}
        </Text>
        <Button size="compact-sm" variant="default" onClick={() => onShowMore(kind)}>
          {kind === 'past' ? 'Show more past classes' : 'Show more classes to come'}
        </Button>
      </Group>
    ) : null
  return (
    <Stack gap="sm" component="nav" aria-label="Classes">
      <Select
        label="Location"
        placeholder="All locations"
        data={locations.map((l) => ({ value: String(l.id), label: l.name }))}
        value={locationId ? String(locationId) : null}
        onChange={(v) => onFilter({ locationId: v ? Number(v) : null, courseId })}
        clearable
      />
      <ServerSearchSelect
        label="Course"
        placeholder="All courses"
        noun={['course', 'courses']}
        search={searchClassCourses}
        value={courseId ? String(courseId) : null}
        valueLabel={course.data}
        onChange={(v) => onFilter({ locationId, courseId: v ? Number(v) : null })}
      />
      {list?.length === 0 && <Text c="dimmed">No class matches these filters.</Text>}
      {GROUPS.map(({ when, title }) => {
        const group = list?.filter((c) => c.when === when) ?? []
        if (group.length === 0) return when === 'upcoming' ? <div key={when}>{more('current')}</div> : null
        return (
          <section key={when} aria-labelledby={`classes-${when}`}>
            <Title order={2} size="h5" id={`classes-${when}`} mb={6}>
              {title}
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
                        {c.location || 'No location'} · {formatNumber(c.marked)}/{formatNumber(c.learners)} marked
                      </Text>
                      {c.signedOff && (
                        <Badge size="sm" color="gray.7" variant="filled" component="span">
                          Signed off
                        </Badge>
                      )}
                    </Group>
                  </button>
                </li>
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
