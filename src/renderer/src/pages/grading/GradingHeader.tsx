// The grading screen's title, with Undo (naming whose grade it takes back) and the shortcut sheet.
import { Button, Kbd } from '@mantine/core'
import { PageHeader } from '../../components/PageHeader'
import { useT } from '../../i18n'
import classes from './Grading.module.css'
import type { SessionGrade } from './session'
import { ariaKeys } from './shortcuts'

interface GradingHeaderProps {
  lastGrade: SessionGrade | undefined
  undoing: boolean
  onUndo(): void
  onHelp(): void
}

export function GradingHeader({ lastGrade, undoing, onUndo, onHelp }: GradingHeaderProps) {
  const t = useT()
  return (
    <PageHeader
      title={t('grading.title')}
      actions={
        <>
          <Button
            variant="default"
            onClick={onUndo}
            disabled={!lastGrade || undoing}
            loading={undoing}
            aria-keyshortcuts={ariaKeys('undo')}
            classNames={{ root: classes.undoButton, label: classes.undoLabel }}
            title={lastGrade ? t('grading.undoFor', { learner: lastGrade.learner }) : undefined}
            data-testid="undo-button"
          >
            <span className={classes.undoText}>{lastGrade ? t('grading.undoFor', { learner: lastGrade.learner }) : t('grading.undo')}</span>
          </Button>
          <Button variant="default" onClick={onHelp} aria-keyshortcuts={ariaKeys('help')} rightSection={<Kbd size="xs">?</Kbd>}>
            {t('grading.shortcuts')}
          </Button>
        </>
      }
    />
  )
}

