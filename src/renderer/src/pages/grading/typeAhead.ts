// Keys typed while the grading screen is busy (a grade on its way, the next submission
// loading) are held in order and replayed into the submission shown next, as if they had
// been typed there. Nothing here touches the DOM, so the rule is tested on its own.

export type GradeField = 'points' | 'message'

/**
 * Where a held key was typed: in the points or the message (of the submission on its way),
 * `flow` when it was typed for the next submission before it was shown (Ctrl+Enter opens it
 * at its points, and Enter goes on to the message), null anywhere else (a button).
 */
export type KeyTarget = GradeField | 'flow' | null

export type HeldKey =
  | { kind: 'text'; text: string; target: KeyTarget }
  | { kind: 'backspace'; target: KeyTarget }
  | { kind: 'enter'; target: KeyTarget }
  /** Ctrl+Enter (accept) or Ctrl+Shift+Enter (reject): save and open the next. */
  | { kind: 'save'; accept: boolean }

export interface Replay {
  points: string
  message: string
  /** The field the cursor ends in, or null when no key was typed in a field. */
  field: GradeField | null
  /** A save the held keys asked for, of the values above. */
  save: { accept: boolean } | null
  /** The keys after that save: they belong to the submission after this one. */
  rest: HeldKey[]
  /** Keys typed outside the fields (on a button): not applied. */
  dropped: HeldKey[]
}

/** A keyboard event as a held key, or null for keys that are not typing (arrows, Tab, F-keys ...). */
export function heldKeyOf(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean },
  target: KeyTarget,
  isMac: boolean,
): HeldKey | null {
  const mod = isMac ? event.metaKey : event.ctrlKey
  const otherMod = isMac ? event.ctrlKey : event.metaKey
  if (event.key === 'Enter' && mod && !otherMod && !event.altKey) return { kind: 'save', accept: !event.shiftKey }
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (event.key === 'Enter') return { kind: 'enter', target }
  if (event.key === 'Backspace') return { kind: 'backspace', target }
  if (event.key.length === 1) return { kind: 'text', text: event.key, target }
  return null
}

/** The held keys typed so far, as typed for the next submission (it opens at its points). */
export function forTheNext(keys: readonly HeldKey[]): HeldKey[] {
  return keys.map((k) => (k.kind === 'save' ? k : { ...k, target: 'flow' }))
}

/**
 * Applies held keys, up to the first save, to a submission whose grade and draft just
 * loaded (`loaded`). While it loaded its fields showed nothing, so a field typed into holds
 * exactly what was typed there; a field not typed into keeps what loaded. Flow keys start in
 * the points; Enter in the points goes on to the message, in the message it starts a new line.
 */
export function replayHeldKeys(loaded: { points: string; message: string }, keys: readonly HeldKey[]): Replay {
  let { points, message } = loaded
  let typedPoints = false
  let typedMessage = false
  let field: GradeField | null = null
  const dropped: HeldKey[] = []
  for (const [i, key] of keys.entries()) {
    if (key.kind === 'save') return { points, message, field, save: { accept: key.accept }, rest: keys.slice(i + 1), dropped }
    if (key.target === null) {
      dropped.push(key)
      continue
    }
    const at: GradeField = key.target === 'flow' ? (field ?? 'points') : key.target
    if (key.kind === 'enter' && at === 'points') {
      field = 'message'
      continue
    }
    field = at
    if (at === 'points') {
      if (!typedPoints) points = ''
      typedPoints = true
      points = key.kind === 'text' ? points + key.text : points.slice(0, -1)
    } else {
      if (!typedMessage) message = ''
      typedMessage = true
      message = key.kind === 'text' ? message + key.text : key.kind === 'enter' ? `${message}\n` : message.slice(0, -1)
    }
  }
  return { points, message, field, save: null, rest: [], dropped }
}

/** Held keys as a person reads them: "13 ⏎ Ctrl+Enter". */
export function describeHeldKeys(keys: readonly HeldKey[], saveKey: (accept: boolean) => string): string {
  const parts: string[] = []
  let text = ''
  const flush = () => {
    if (text) parts.push(text)
    text = ''
  }
  for (const key of keys) {
    if (key.kind === 'text') text += key.text
    else {
      flush()
      parts.push(key.kind === 'backspace' ? '⌫' : key.kind === 'enter' ? '⏎' : saveKey(key.accept))
    }
  }
  flush()
  return parts.join(' ')
}
