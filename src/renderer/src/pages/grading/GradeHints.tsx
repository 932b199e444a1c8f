// Under the grade buttons: the keys that save and move on, and the one that lists them all.
import { Stack, Text } from '@mantine/core'
import { useT } from '../../i18n'
import classes from './Grading.module.css'
import { KeyCombo } from './KeyCombo'

export function GradeHints() {
  const t = useT()
  return (
    <Stack gap={2} className={classes.hints}>
      <Text size="xs" c="dimmed">
        {t.rich('grading.hint.acceptNext', { keys: <KeyCombo action="acceptNext" /> })}
      </Text>
      <Text size="xs" c="dimmed">
        {t.rich('grading.hint.rejectNext', { keys: <KeyCombo action="rejectNext" /> })}
      </Text>
      <Text size="xs" c="dimmed">
        {t.rich('grading.hint.help', { keys: <KeyCombo action="help" /> })}
      </Text>
    </Stack>
  )
}
