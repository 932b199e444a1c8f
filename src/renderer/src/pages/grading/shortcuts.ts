// Matching key presses against the shortcut table, and printing its keys.
import { t, type MessageId } from '../../i18n'
import { SHORTCUTS, type KeyCombo, type ShortcutAction, type ShortcutScope } from './shortcutTable'

export { SHORTCUTS, type KeyCombo, type Shortcut, type ShortcutAction, type ShortcutScope } from './shortcutTable'

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

function comboMatches(combo: KeyCombo, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey
  const otherMod = isMac ? event.ctrlKey : event.metaKey
  if (Boolean(combo.mod) !== mod || otherMod || Boolean(combo.alt) !== event.altKey) return false
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  // Shift is part of the character for keys like '?', so it is only compared for named keys and letters.
  const printable = combo.key.length === 1 && !/[a-z]/.test(combo.key)
  if (!printable && Boolean(combo.shift) !== event.shiftKey) return false
  return key === combo.key
}

/** The action a key press asks for in a scope, if any. */
export function matchShortcut(event: KeyboardEvent, scopes: readonly ShortcutScope[]): ShortcutAction | null {
  for (const shortcut of SHORTCUTS) {
    if (!scopes.includes(shortcut.scope)) continue
    if (shortcut.keys.some((combo) => comboMatches(combo, event))) return shortcut.action
  }
  return null
}

const ARROWS: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑' }

/** Named keys as the trainer's keyboard prints them (French keyboards say "Entrée", Spanish ones "Intro"). */
const KEY_NAMES: Record<string, MessageId> = {
  Enter: 'keys.enter',
  Escape: 'keys.esc',
  PageDown: 'keys.pageDown',
  PageUp: 'keys.pageUp',
  Home: 'keys.home',
  End: 'keys.end',
}

/** The keys of a combination as they are printed on the keyboard, e.g. ['Ctrl', 'Shift', 'Enter']. */
export function comboParts(combo: KeyCombo): string[] {
  const parts: string[] = []
  if (combo.mod) parts.push(isMac ? '⌘' : t('keys.ctrl'))
  if (combo.alt) parts.push(isMac ? '⌥' : t('keys.alt'))
  if (combo.shift && !(combo.key.length === 1 && !/[a-z]/.test(combo.key))) parts.push(t('keys.shift'))
  const named = KEY_NAMES[combo.key]
  parts.push(named ? t(named) : (ARROWS[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key)))
  return parts
}

/** A combination as text, e.g. "Ctrl+Enter". */
export function comboText(combo: KeyCombo): string {
  return comboParts(combo).join('+')
}

/** The first key of an action, for hints on buttons ("Ctrl+Enter"). */
export function keyHint(action: ShortcutAction): string {
  const shortcut = SHORTCUTS.find((s) => s.action === action)
  return shortcut?.keys[0] ? comboText(shortcut.keys[0]) : ''
}

/** For aria-keyshortcuts: "Control+Enter" or "Meta+Enter". */
export function ariaKeys(action: ShortcutAction): string {
  const shortcut = SHORTCUTS.find((s) => s.action === action)
  return (shortcut?.keys ?? [])
    .map((c) => [c.mod ? (isMac ? 'Meta' : 'Control') : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', c.key === ' ' ? 'Space' : c.key].filter(Boolean).join('+'))
    .join(' ')
}

/** Whether a key press happens while the user types text (so plain letters must not act). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
  return target.getAttribute('role') === 'combobox'
}
