// The grading screen's type-ahead buffer. From the moment a grade starts saving, or a
// submission starts opening, until that submission is shown with its grade and draft
// loaded, the keys typed in the grade form are held here instead of reaching a field that
// is about to be replaced; the page then replays them into the submission shown (see
// typeAhead.ts). So a grade typed right after Ctrl+Enter belongs to the next submission,
// whole, and a Ctrl+Enter typed while loading saves once loaded instead of being lost.
// When a grade is refused, the keys typed after it were meant for the next submission:
// the buffer pauses, refusing keys visibly, until the trainer turns to the refused grade
// (Esc, or a click in the grade form).
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react'
import { keyHint } from './shortcuts'
import { describeHeldKeys, type HeldKey } from './typeAhead'
import { useHoldKeys, type HoldingPage } from './useHoldKeys'
import { useKeyBuffer } from './useKeyBuffer'

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
  /** Adds keys as if typed (the Accept and Reject buttons while busy). */
  push(...keys: HeldKey[]): void
  /** Forgets every held key; answers them, so the caller can say what was dropped. */
  drop(): HeldKey[]
}

interface TypeAheadOptions extends HoldingPage {
  /** The grade form: keys are held only when typed there (or with focus lost while the panel changes), never in the search box, a filter or a dialog. */
  formRef: RefObject<HTMLFormElement | null>
}

export function useTypeAhead(options: TypeAheadOptions): TypeAhead {
  const buffer = useKeyBuffer()
  const { held, push, keep, retarget, drop } = buffer
  const awaited = useRef<Awaited>(undefined)
  const saving = useRef(false)
  const pausedRef = useRef(false)
  const [paused, setPaused] = useState(false)
  const page = useRef<HoldingPage>(options)
  page.current = options

  const busy = useCallback(() => saving.current || pausedRef.current || awaited.current !== undefined, [])
  const resume = useCallback(() => {
    if (!pausedRef.current) return
    pausedRef.current = false
    setPaused(false)
    drop()
  }, [drop])

  useHoldKeys({ formRef: options.formRef, page, busy, saving, paused: pausedRef, resume, buffer })

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
      return drop()
    },
    [drop],
  )

  return useMemo(
    () => ({ held, paused, pause, resume, busy, awaitRow, setSaving, readyToRelease, release, retarget, keep, push, drop }),
    [held, paused, pause, resume, busy, awaitRow, setSaving, readyToRelease, release, retarget, keep, push, drop],
  )
}
