// One class in the picker: course, day and time, location, how many of its learners are
// marked, and whether it is signed off. The class open is the current one.
import { Badge, Group, Text } from '@mantine/core'
import type { AttendanceClass } from '../../../../shared/operations/attendance'
import { t as translate, useT } from '../../i18n'
import { formatDay, formatTime } from '../../lib/format'
import classes from './Attendance.module.css'

export const classTimeText = (c: { start: string; end: string }) => translate('attendance.classTime', { day: formatDay(c.start), start: formatTime(c.start), end: formatTime(c.end) })

export function ClassOption({ option: c, selected, onSelect }: { option: AttendanceClass; selected: boolean; onSelect(id: number): void }) {
  const t = useT()
  return (
    <li>
      <button type="button" className={classes.classButton} aria-current={selected ? 'true' : undefined} onClick={() => onSelect(c.id)} data-testid="class-option">
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
  )
}
