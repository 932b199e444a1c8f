// A shortcut's keys drawn as keys (Ctrl + Enter), named for screen readers.
import { Kbd } from '@mantine/core'
import { comboParts, keyHint, SHORTCUTS, type ShortcutAction } from './shortcuts'

/** A shortcut's first key combination drawn as keys. */
export function KeyCombo({ action }: { action: ShortcutAction }) {
  const combo = SHORTCUTS.find((s) => s.action === action)?.keys[0]
  if (!combo) return null
  return (
    <span aria-label={keyHint(action)} role="img" style={{ whiteSpace: 'nowrap' }}>
      {comboParts(combo).map((part, i) => (
        <span key={i}>
          {i > 0 ? '+' : ''}
          <Kbd size="xs">{part}</Kbd>
        </span>
      ))}
    </span>
  )
}
