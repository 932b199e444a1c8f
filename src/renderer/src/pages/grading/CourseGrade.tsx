// The learner's grade for the course, beside the grade being typed.
import { Loader, Paper, Text } from '@mantine/core'
import type { Gradebook } from '../../../../shared/operations/progress'
import { useT } from '../../i18n'
import { formatPercent } from '../../lib/format'
import classes from './Grading.module.css'

export function CourseGrade({ gradebook, error }: { gradebook: Gradebook | null; error: string | null }) {
  const t = useT()
  return (
    <Paper withBorder p="sm" radius="sm" className={classes.gradebook}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('grading.courseGrade')}
      </Text>
      {gradebook ? (
        <>
          <Text size="xl" fw={700} data-testid="gradebook-percentage">
            {gradebook.percentage === null ? t('grading.notGraded') : formatPercent(gradebook.percentage, 2)}
          </Text>
          <Text size="xs" c="dimmed">
            {gradebook.percentage === null
              ? t('grading.noGrading')
              : t('grading.marks', { obtained: gradebook.obtainedMarks, total: gradebook.totalMarks, complete: formatPercent(gradebook.completionPercentage, 2) })}
          </Text>
        </>
      ) : error ? (
        <Text size="sm" c="red.8">
          {error}
        </Text>
      ) : (
        <Loader size="xs" aria-label={t('grading.loadingCourseGrade')} />
      )}
    </Paper>
  )
}
