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

export interface Shortcut {
  action: ShortcutAction
  keys: KeyCombo[]
  label: string
  group: 'Move between submissions' | 'Grade' | 'Focus' | 'Help'
  scope: ShortcutScope
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: [{ key: 'j' }], label: 'Next submission', group: 'Move between submissions', scope: 'page' },
  { action: 'next', keys: [{ key: 'ArrowDown', alt: true }], label: 'Next submission', group: 'Move between submissions', scope: 'anywhere' },
  { action: 'previous', keys: [{ key: 'k' }], label: 'Previous submission', group: 'Move between submissions', scope: 'page' },
  { action: 'previous', keys: [{ key: 'ArrowUp', alt: true }], label: 'Previous submission', group: 'Move between submissions', scope: 'anywhere' },
  { action: 'nextUngraded', keys: [{ key: 'n' }], label: 'Next ungraded submission (wraps to the top)', group: 'Move between submissions', scope: 'page' },
  { action: 'next', keys: [{ key: 'ArrowDown' }], label: 'Next submission', group: 'Move between submissions', scope: 'queue' },
  { action: 'previous', keys: [{ key: 'ArrowUp' }], label: 'Previous submission', group: 'Move between submissions', scope: 'queue' },
  { action: 'pageDown', keys: [{ key: 'PageDown' }], label: '10 submissions down', group: 'Move between submissions', scope: 'queue' },
  { action: 'pageUp', keys: [{ key: 'PageUp' }], label: '10 submissions up', group: 'Move between submissions', scope: 'queue' },
  { action: 'first', keys: [{ key: 'Home' }], label: 'First submission', group: 'Move between submissions', scope: 'queue' },
  { action: 'last', keys: [{ key: 'End' }], label: 'Last submission', group: 'Move between submissions', scope: 'queue' },
  { action: 'startGrading', keys: [{ key: 'Enter' }], label: 'Grade the open submission (focus the points)', group: 'Grade', scope: 'queue' },
  { action: 'focusPoints', keys: [{ key: 'p' }, { key: 'g' }], label: 'Focus the points field', group: 'Grade', scope: 'page' },
  { action: 'focusMessage', keys: [{ key: 'm' }], label: 'Focus the message to the learner', group: 'Grade', scope: 'page' },
  { action: 'pointsToMessage', keys: [{ key: 'Enter' }], label: 'From the points, go to the message', group: 'Grade', scope: 'points' },
  { action: 'acceptNext', keys: [{ key: 'Enter', mod: true }], label: 'Accept, save and open the next submission', group: 'Grade', scope: 'anywhere' },
  { action: 'rejectNext', keys: [{ key: 'Enter', mod: true, shift: true }], label: 'Reject, save and open the next submission', group: 'Grade', scope: 'anywhere' },
  { action: 'undo', keys: [{ key: 'z', mod: true }], label: 'Undo the last grade saved in this session', group: 'Grade', scope: 'page' },
  { action: 'focusQueue', keys: [{ key: 'q' }], label: 'Focus the submission list', group: 'Focus', scope: 'page' },
  { action: 'leaveField', keys: [{ key: 'Escape' }], label: 'Leave the field, back to the submission list', group: 'Focus', scope: 'field' },
  { action: 'focusSearch', keys: [{ key: '/' }], label: 'Search learners by name or email', group: 'Focus', scope: 'page' },
  { action: 'help', keys: [{ key: '?', shift: true }], label: 'Show this list of shortcuts', group: 'Help', scope: 'page' },
]
