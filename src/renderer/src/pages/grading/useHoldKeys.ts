// The type-ahead's listeners: while the grading screen is busy, keys typed in the grade form
// (or with focus lost while the panel changes) go to the buffer instead of a field that is
// about to be replaced. Capture listeners on the window, so they run before the fields' own.
import { useEffect, type RefObject } from 'react'
import { isMac, matchShortcut } from './shortcuts'
import { heldKeyOf, type GradeField, type HeldKey } from './typeAhead'
import type { KeyBuffer } from './useKeyBuffer'

/** What the page tells the listeners, read at each key. */
export interface HoldingPage {
  /** Which grade field an element is, if any. */
  fieldOf(target: EventTarget | null): GradeField | null
  /** False while a dialog is open. */
  enabled(): boolean
  /** Escape while keys are held drops them; told what was dropped. */
  onDropped(keys: HeldKey[]): void
}

interface HoldKeysOptions {
  formRef: RefObject<HTMLFormElement | null>
  page: RefObject<HoldingPage>
  /** Whether keys are held now. */
  busy(): boolean
  /** A grade is being saved. */
  saving: RefObject<boolean>
  /** Keys are refused after a refused grade. */
  paused: RefObject<boolean>
  /** Stops refusing keys (Esc, or a click in the grade form). */
  resume(): void
  buffer: KeyBuffer
}

export function useHoldKeys({ formRef, page, busy, saving, paused, resume, buffer }: HoldKeysOptions) {
  const { keys, push, drop } = buffer
  useEffect(() => {
    const inForm = (target: EventTarget | null) => {
      if (!(target instanceof Node)) return false
      return target === document.body || Boolean(formRef.current?.contains(target))
    }
    function onKeyDown(event: KeyboardEvent) {
      if (!busy() || event.isComposing || !page.current.enabled() || !inForm(event.target)) return
      if (event.key === 'Escape' && paused.current) {
        event.preventDefault()
        event.stopPropagation()
        resume()
        return
      }
      if (event.key === 'Escape' && keys.current.length > 0) {
        event.preventDefault()
        event.stopPropagation()
        page.current.onDropped(drop())
        return
      }
      // Focus on no field, nothing held yet and no grade being saved: a page shortcut (J then
      // N pressed quickly, ?) is the trainer moving on, not typing ahead; held, it was lost.
      if (event.target === document.body && keys.current.length === 0 && !saving.current && matchShortcut(event, ['anywhere', 'page'])) return
      const key = heldKeyOf(event, page.current.fieldOf(event.target), isMac)
      if (!key) return
      // Held: the field being left must not change, and Ctrl+Enter must not save it again.
      event.preventDefault()
      event.stopPropagation()
      push(key)
    }
    // Soft keyboards send "Unidentified" keys and the text in beforeinput instead.
    function onBeforeInput(event: InputEvent) {
      if (!busy() || !page.current.enabled() || !inForm(event.target)) return
      event.preventDefault()
      const target = page.current.fieldOf(event.target)
      if (event.inputType === 'deleteContentBackward') push({ kind: 'backspace', target })
      else if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') push({ kind: 'enter', target })
      else push(...[...(event.data ?? '')].map((text): HeldKey => ({ kind: 'text', text, target })))
    }
    // A click in the grade form after a refusal: the trainer is looking at it now.
    function onPointerDown(event: PointerEvent) {
      if (paused.current && event.target instanceof Node && formRef.current?.contains(event.target)) resume()
    }
    window.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('beforeinput', onBeforeInput, true)
    window.addEventListener('pointerdown', onPointerDown, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('beforeinput', onBeforeInput, true)
      window.removeEventListener('pointerdown', onPointerDown, true)
    }
  }, [formRef, page, busy, saving, paused, resume, keys, push, drop])
}
