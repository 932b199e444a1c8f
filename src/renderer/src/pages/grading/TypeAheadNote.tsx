// Under the grade: the keys held for the submission shown next, or, after a refused grade,
// that keys are refused until the trainer turns to it (useTypeAhead).
import { Text } from '@mantine/core'
import { useT } from '../../i18n'
import classes from './Grading.module.css'
import type { HeldKey } from './typeAhead'
import { heldKeysText } from './useTypeAhead'

export function TypeAheadNote({ heldKeys, paused }: { heldKeys: readonly HeldKey[]; paused: boolean }) {
  const t = useT()
  if (paused)
    return (
      <Text size="xs" fw={600} className={classes.feedbackError} data-testid="type-ahead">
        {heldKeys.length ? t('grading.keysPausedNotApplied', { keys: heldKeysText(heldKeys) }) : t('grading.keysPaused')}
      </Text>
    )
  if (heldKeys.length === 0) return null
  return (
    <Text size="xs" fw={600} data-testid="type-ahead">
      {t('grading.typedAhead', { keys: heldKeysText(heldKeys) })}
    </Text>
  )
}
