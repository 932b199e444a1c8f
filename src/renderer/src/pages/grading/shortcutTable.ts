// The grading screen's keyboard shortcuts: one table, with no DOM in it. The key
// handlers (shortcuts.ts) match against it and the `?` cheat sheet is generated from it,
// so the two cannot disagree; the end-to-end tests read it too.

export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'nextUngraded'
  | 'first'
  | 'last'
  | 'pageDown'
  | 'pageUp'
  | 'startGrading'
  | 'focusPoints'
  | 'focusMessage'
  | 'focusQueue'
  | 'focusSearch'
  | 'acceptNext'
  | 'rejectNext'
  | 'undo'
  | 'leaveField'
  | 'pointsToMessage'
  | 'help'

export interface KeyCombo {
  /** KeyboardEvent.key, compared case-insensitively for letters. */
  key: string
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod?: boolean
  shift?: boolean
  alt?: boolean
}

/**
 * Where a shortcut works:
 * - `page`: anywhere on the grading screen except while typing in a field or a dialog is open;
 * - `anywhere`: also while typing in a field (these use a modifier, so they never eat text);
 * - `queue`: while the submission list has focus;
 * - `field`: while typing in a field;
 * - `points`: in the points field.
 */
export type ShortcutScope = 'page' | 'anywhere' | 'queue' | 'field' | 'points'

export type ShortcutGroup = 'shortcuts.group.move' | 'shortcuts.group.grade' | 'shortcuts.group.focus' | 'shortcuts.group.help'
export type ShortcutLabel = `shortcuts.${ShortcutAction}`

export interface Shortcut {
  action: ShortcutAction
  keys: KeyCombo[]
  /** A catalog key (MessageId). */
  label: ShortcutLabel
  group: ShortcutGroup
  scope: ShortcutScope
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: [{ key: 'j' }], label: 'shortcuts.next', group: 'shortcuts.group.move', scope: 'page' },
  { action: 'next', keys: [{ key: 'ArrowDown', alt: true }], label: 'shortcuts.next', group: 'shortcuts.group.move', scope: 'anywhere' },
  { action: 'previous', keys: [{ key: 'k' }], label: 'shortcuts.previous', group: 'shortcuts.group.move', scope: 'page' },
  { action: 'previous', keys: [{ key: 'ArrowUp', alt: true }], label: 'shortcuts.previous', group: 'shortcuts.group.move', scope: 'anywhere' },
  { action: 'nextUngraded', keys: [{ key: 'n' }], label: 'shortcuts.nextUngraded', group: 'shortcuts.group.move', scope: 'page' },
  { action: 'next', keys: [{ key: 'ArrowDown' }], label: 'shortcuts.next', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'previous', keys: [{ key: 'ArrowUp' }], label: 'shortcuts.previous', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'pageDown', keys: [{ key: 'PageDown' }], label: 'shortcuts.pageDown', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'pageUp', keys: [{ key: 'PageUp' }], label: 'shortcuts.pageUp', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'first', keys: [{ key: 'Home' }], label: 'shortcuts.first', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'last', keys: [{ key: 'End' }], label: 'shortcuts.last', group: 'shortcuts.group.move', scope: 'queue' },
  { action: 'startGrading', keys: [{ key: 'Enter' }], label: 'shortcuts.startGrading', group: 'shortcuts.group.grade', scope: 'queue' },
  { action: 'focusPoints', keys: [{ key: 'p' }, { key: 'g' }], label: 'shortcuts.focusPoints', group: 'shortcuts.group.grade', scope: 'page' },
  { action: 'focusMessage', keys: [{ key: 'm' }], label: 'shortcuts.focusMessage', group: 'shortcuts.group.grade', scope: 'page' },
  { action: 'pointsToMessage', keys: [{ key: 'Enter' }], label: 'shortcuts.pointsToMessage', group: 'shortcuts.group.grade', scope: 'points' },
  { action: 'acceptNext', keys: [{ key: 'Enter', mod: true }], label: 'shortcuts.acceptNext', group: 'shortcuts.group.grade', scope: 'anywhere' },
  { action: 'rejectNext', keys: [{ key: 'Enter', mod: true, shift: true }], label: 'shortcuts.rejectNext', group: 'shortcuts.group.grade', scope: 'anywhere' },
  { action: 'undo', keys: [{ key: 'z', mod: true }], label: 'shortcuts.undo', group: 'shortcuts.group.grade', scope: 'page' },
  { action: 'focusQueue', keys: [{ key: 'q' }], label: 'shortcuts.focusQueue', group: 'shortcuts.group.focus', scope: 'page' },
  { action: 'leaveField', keys: [{ key: 'Escape' }], label: 'shortcuts.leaveField', group: 'shortcuts.group.focus', scope: 'field' },
  { action: 'focusSearch', keys: [{ key: '/' }], label: 'shortcuts.focusSearch', group: 'shortcuts.group.focus', scope: 'page' },
  { action: 'help', keys: [{ key: '?', shift: true }], label: 'shortcuts.help', group: 'shortcuts.group.help', scope: 'page' },
]
