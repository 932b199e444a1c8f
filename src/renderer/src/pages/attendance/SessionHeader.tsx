// The open class's title line, and whether it is signed off (with the way to reopen it).
import { Alert, Button, Group, Text, Title } from '@mantine/core'
import { useT } from '../../i18n'
import { classTimeText } from './ClassOption'
import type { RosterData } from './useRoster'

interface SessionHeaderProps {
  info: RosterData['class']
  /** Who signed the class off and when (formatted); null while it is open. */
  signedOff: { by: string; at: string } | null
  onReopen(): void
}

export function SessionHeader({ info, signedOff, onReopen }: SessionHeaderProps) {
  const t = useT()
  return (
    <>
      <div>
        <Title order={2} size="h3">
          {info.courseName}
        </Title>
        <Text size="sm">
          {t('attendance.classInfo', { time: classTimeText(info), location: info.location || t('attendance.noLocation'), instructor: info.instructor || t('attendance.instructorNotSet') })}
        </Text>
      </div>
      {signedOff ? (
        <Alert color="gray" title={t('attendance.lockedAlert')} data-testid="signed-off">
          <Group justify="space-between">
            <Text size="sm">{t('attendance.signedOffSentence', signedOff)}</Text>
            <Button size="sm" variant="default" onClick={onReopen}>
              {t('attendance.reopenSession')}
            </Button>
          </Group>
        </Alert>
      ) : null}
    </>
  )
}
