// The grading screen's keyboard: the page-wide shortcuts (see shortcuts.ts) and the
// queue's own keys. The actions are read through a ref to the latest render, so the
// listeners stay put while the trainer types.
import { useCallback, useEffect, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react'
import { isTypingTarget, matchShortcut, type ShortcutAction } from './shortcuts'

export interface ShortcutTargets {
  run(action: ShortcutAction): void
  /** While a dialog is open its keys are its own. */
  modalOpen: boolean
}

export function useGradingShortcuts(live: RefObject<ShortcutTargets>, formRef: RefObject<HTMLFormElement | null>, searchRef: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || live.current.modalOpen) return
      const typing = isTypingTarget(event.target)
      const action = matchShortcut(event, typing ? ['anywhere', 'field'] : ['anywhere', 'page'])
      if (!action) return
      // Escape leaves only the grade fields and the search box (selects and menus keep theirs).
      if (action === 'leaveField') {
        const target = event.target as Node
        if (!formRef.current?.contains(target) && target !== searchRef.current) return
      }
      event.preventDefault()
      live.current.run(action)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [live, formRef, searchRef])

  // Stable, so typing in the panel does not redraw the list.
  const onQueueKeyDown = useCallback(
    (event: ReactKeyboardEvent<HTMLDivElement>) => {
      const action = matchShortcut(event.nativeEvent, ['queue'])
      if (!action) return
      event.preventDefault()
      live.current.run(action)
    },
    [live],
  )
  return { onQueueKeyDown }
}
