// Where the open submission goes, while none is open: how to start.
import { Text } from '@mantine/core'
import { useT } from '../../i18n'
import classes from './Grading.module.css'
import { KeyCombo } from './KeyCombo'

export function NoneOpenPanel() {
  const t = useT()
  return (
    <section className={`${classes.panel} ${classes.emptyPanel}`} aria-label={t('grading.panelLabel')}>
      <Text fw={600}>{t('grading.noneOpen')}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t.rich('grading.noneOpenHelp', { next: <KeyCombo action="next" />, help: <KeyCombo action="help" /> })}
      </Text>
    </section>
  )
}
