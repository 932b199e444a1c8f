// The grading screen's type-ahead buffer. From the moment a grade starts saving, or a
// submission starts opening, until that submission is shown with its grade and draft
// loaded, the keys typed in the grade form are held here instead of reaching a field that
// is about to be replaced; the page then replays them into the submission shown (see
// typeAhead.ts). So a grade typed right after Ctrl+Enter belongs to the next submission,
// whole, and a Ctrl+Enter typed while loading saves once loaded instead of being lost.
// When a grade is refused, the keys typed after it were meant for the next submission:
// the buffer pauses, refusing keys visibly, until the trainer turns to the refused grade
// (Esc, or a click in the grade form).
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { isMac, keyHint, matchShortcut } from './shortcuts'
import { describeHeldKeys, forTheNext, heldKeyOf, type GradeField, type HeldKey } from './typeAhead'

/** Held keys with this platform's key names ("13 Ctrl+Enter"). */
export const heldKeysText = (keys: readonly HeldKey[]) => describeHeldKeys(keys, (accept) => keyHint(accept ? 'acceptNext' : 'rejectNext'))

/** undefined: no submission is awaited. */
type Awaited = number | undefined

export interface TypeAhead {
  /** The keys held now (or, paused, refused), for the screen to show. */
  held: readonly HeldKey[]
  /** A grade was refused: keys are refused until the trainer turns to it. */
  paused: boolean
  /** Refuse keys from now until `resume` (Esc or a click in the form calls it). */
  pause(): void
  /** Stops refusing keys (another submission opened). */
  resume(): void
  /** Whether keys are held now (read synchronously, from key handlers). */
  busy(): boolean
  /** A submission is opening (or a save will end on it): hold keys until it is released. */
  awaitRow(rowId: number): void
  /** A grade is being saved: hold keys meanwhile. */
  setSaving(saving: boolean): void
  /** Whether `rowId` is the awaited submission, nothing is being saved and keys are not paused (time to release). */
  readyToRelease(rowId: number): boolean
  /** Stops holding for `rowId` and answers the keys held for it (all of them; the caller keeps the rest with `keep`). */
  release(rowId: number): HeldKey[]
  /** The next submission is opening after a save: the keys held so far were typed for it. */
  retarget(): void
  /** Puts keys back, first in line (those after a save, for the submission after). */
  keep(keys: readonly HeldKey[]): void
  /** Adds a key as if typed (the Accept and Reject buttons while busy). */
  push(key: HeldKey): void
  /** Forgets every held key; answers them, so the caller can say what was dropped. */
  drop(): HeldKey[]
}

interface TypeAheadOptions {
  /** The grade form: keys are held only when typed there (or with focus lost while the panel changes), never in the search box, a filter or a dialog. */
  formRef: RefObject<HTMLFormElement | null>
  /** Which grade field an element is, if any. */
  fieldOf(target: EventTarget | null): GradeField | null
  /** False while a dialog is open. */
  enabled(): boolean
  /** Escape while keys are held drops them; told what was dropped. */
  onDropped(keys: HeldKey[]): void
}

export function useTypeAhead(options: TypeAheadOptions): TypeAhead {
  const { formRef } = options
  const keys = useRef<HeldKey[]>([])
  const [held, setHeld] = useState<readonly HeldKey[]>([])
  const awaited = useRef<Awaited>(undefined)
  const saving = useRef(false)
  const pausedRef = useRef(false)
  const [paused, setPaused] = useState(false)
  const live = useRef(options)
  live.current = options

  const publish = useCallback(() => setHeld([...keys.current]), [])
  const busy = useCallback(() => saving.current || pausedRef.current || awaited.current !== undefined, [])
  const resume = useCallback(() => {
    if (!pausedRef.current) return
    pausedRef.current = false
    setPaused(false)
    keys.current = []
    publish()
  }, [publish])

  useEffect(() => {
    const inForm = (target: EventTarget | null) => {
      if (!(target instanceof Node)) return false
      return target === document.body || Boolean(formRef.current?.contains(target))
    }
    function onKeyDown(event: KeyboardEvent) {
      if (!busy() || event.isComposing || !live.current.enabled() || !inForm(event.target)) return
      if (event.key === 'Escape' && pausedRef.current) {
        event.preventDefault()
        event.stopPropagation()
        resume()
        return
      }
      if (event.key === 'Escape' && keys.current.length > 0) {
        event.preventDefault()
        event.stopPropagation()
        const dropped = keys.current
        keys.current = []
        publish()
        live.current.onDropped(dropped)
        return
      }
      // Focus on no field, nothing held yet and no grade being saved: a page shortcut (J then
      // N pressed quickly, ?) is the trainer moving on, not typing ahead; held, it was lost.
      if (event.target === document.body && keys.current.length === 0 && !saving.current && matchShortcut(event, ['anywhere', 'page'])) return
      const key = heldKeyOf(event, live.current.fieldOf(event.target), isMac)
      if (!key) return
      // Held: the field being left must not change, and Ctrl+Enter must not save it again.
      event.preventDefault()
      event.stopPropagation()
      keys.current.push(key)
      publish()
    }
    // Soft keyboards send "Unidentified" keys and the text in beforeinput instead.
    function onBeforeInput(event: InputEvent) {
      if (!busy() || !live.current.enabled() || !inForm(event.target)) return
      event.preventDefault()
      const target = live.current.fieldOf(event.target)
      if (event.inputType === 'deleteContentBackward') keys.current.push({ kind: 'backspace', target })
      else if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') keys.current.push({ kind: 'enter', target })
      else if (event.data) for (const text of event.data) keys.current.push({ kind: 'text', text, target })
      publish()
    }
    // A click in the grade form after a refusal: the trainer is looking at it now.
    function onPointerDown(event: PointerEvent) {
      if (pausedRef.current && event.target instanceof Node && formRef.current?.contains(event.target)) resume()
    }
    window.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('beforeinput', onBeforeInput, true)
    window.addEventListener('pointerdown', onPointerDown, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('beforeinput', onBeforeInput, true)
      window.removeEventListener('pointerdown', onPointerDown, true)
    }
  }, [formRef, busy, publish, resume])

  const awaitRow = useCallback((rowId: number) => {
    awaited.current = rowId
  }, [])
  const setSaving = useCallback((on: boolean) => {
    saving.current = on
  }, [])
  const readyToRelease = useCallback((rowId: number) => !saving.current && !pausedRef.current && awaited.current === rowId, [])
  const pause = useCallback(() => {
    pausedRef.current = true
    setPaused(true)
  }, [])
  const release = useCallback(
    (rowId: number) => {
      if (awaited.current !== rowId) return []
      awaited.current = undefined
      const out = keys.current
      keys.current = []
      publish()
      return out
    },
    [publish],
  )
  const retarget = useCallback(() => {
    keys.current = forTheNext(keys.current)
    publish()
  }, [publish])
  const keep = useCallback(
    (rest: readonly HeldKey[]) => {
      keys.current = [...rest, ...keys.current]
      publish()
    },
    [publish],
  )
  const push = useCallback(
    (key: HeldKey) => {
      keys.current.push(key)
      publish()
    },
    [publish],
  )
  const drop = useCallback(() => {
    const out = keys.current
    keys.current = []
    publish()
    return out
  }, [publish])

  return useMemo(
    () => ({ held, paused, pause, resume, busy, awaitRow, setSaving, readyToRelease, release, retarget, keep, push, drop }),
    [held, paused, pause, resume, busy, awaitRow, setSaving, readyToRelease, release, retarget, keep, push, drop],
  )
}
