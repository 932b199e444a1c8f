// Every evaluation of the submission, newest first: who, when, points, message. An
// evaluation taken back by Undo stays in the list, marked as undone.
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { EvaluationEntry } from '../../../../shared/operations/assignments'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import { htmlToText } from '../../lib/html'
import classes from './Grading.module.css'

export function EvaluationHistory({ evaluations, totalPoints }: { evaluations: EvaluationEntry[]; totalPoints: number }) {
  const t = useT()
  return (
    <section aria-labelledby="grading-history-title">
      <Title order={3} size="h5" id="grading-history-title" mb={6}>
        {t('grading.history.title', { count: evaluations.length })}
      </Title>
      {evaluations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('grading.history.none')}
        </Text>
      ) : (
        <Stack component="ol" gap="xs" className={classes.history} data-testid="evaluation-history">
          {evaluations.map((e) => (
            <Paper component="li" key={e.id} withBorder p="xs" radius="sm" className={e.undone ? classes.undone : undefined}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap="xs">
                  <Badge color={e.is_accepted ? 'teal' : 'red'} variant="light">
                    {e.is_accepted ? t('grading.history.accepted') : t('grading.history.rejected')}
                  </Badge>
                  <Text size="sm" fw={600}>
                    <bdi>{t('grading.history.points', { points: e.points_awarded, total: totalPoints })}</bdi>
                  </Text>
                  {e.undone && (
                    <Badge color="gray" variant="outline">
                      {t('grading.history.undone')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {e.evaluated_by || t('grading.history.unknownGrader')} · <time dateTime={e.evaluated_on}>{formatDateTime(e.evaluated_on)}</time>
                </Text>
              </Group>
              {e.instructor_message ? (
                <Text size="sm" mt={4} className={classes.prose}>
                  {htmlToText(e.instructor_message)}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  )
}
