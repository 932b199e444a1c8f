// What each of the grading screen's shortcuts (shortcuts.ts) does.
import type { RefObject } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import type { ServerWindow } from '../../hooks/useServerWindow'
import type { ShortcutAction } from './shortcuts'
import type { useGradeSaving } from './useGradeSaving'
import type { OpenOptions } from './useOpenSubmission'
import type { useQueueNavigation } from './useQueueNavigation'

export interface ShortcutContext {
  nav: ReturnType<typeof useQueueNavigation>
  queue: ServerWindow<SubmissionRecord>
  current: SubmissionRecord | null
  requestOpen(row: SubmissionRecord, options?: OpenOptions): void
  grading: Pick<ReturnType<typeof useGradeSaving>, 'save' | 'undo'>
  messageRef: RefObject<HTMLTextAreaElement | null>
  searchRef: RefObject<HTMLInputElement | null>
  toList(): void
  showList(): void
  openHelp(): void
}

export function runShortcut(action: ShortcutAction, c: ShortcutContext): void {
  const { nav, grading } = c
  switch (action) {
    case 'next':
      return void nav.moveBy(1)
    case 'previous':
      return void nav.moveBy(-1)
    case 'nextUngraded':
      return void nav.nextUngraded()
    case 'first':
      return void nav.goTo(0)
    case 'last':
      return void nav.goTo((c.queue.total ?? 1) - 1)
    case 'pageDown':
      return void nav.jump(1)
    case 'pageUp':
      return void nav.jump(-1)
    case 'startGrading':
    case 'focusPoints':
      if (c.current) c.requestOpen(c.current, { focusPoints: true })
      else
        void c.queue.fetchRow(0).then((row) => {
          if (row) c.requestOpen(row, { focusPoints: true })
        })
      return
    case 'focusMessage':
      return c.messageRef.current?.focus()
    case 'focusQueue':
    case 'leaveField':
      return c.toList()
    case 'focusSearch':
      c.showList()
      return c.searchRef.current?.focus()
    case 'acceptNext':
      return void grading.save(true, true)
    case 'rejectNext':
      return void grading.save(false, true)
    case 'undo':
      return void grading.undo()
    case 'help':
      return c.openHelp()
    case 'pointsToMessage':
      return c.messageRef.current?.focus()
  }
}
