// The type-ahead's held keys: in order in a ref, read and changed synchronously from key
// handlers, and published as state for the screen to show.
import { useCallback, useRef, useState } from 'react'
import { forTheNext, type HeldKey } from './typeAhead'

export function useKeyBuffer() {
  const keys = useRef<HeldKey[]>([])
  const [held, setHeld] = useState<readonly HeldKey[]>([])

  const publish = useCallback(() => setHeld([...keys.current]), [])
  /** Adds keys, last in line. */
  const push = useCallback(
    (...added: HeldKey[]) => {
      keys.current.push(...added)
      publish()
    },
    [publish],
  )
  /** Puts keys back, first in line. */
  const keep = useCallback(
    (rest: readonly HeldKey[]) => {
      keys.current = [...rest, ...keys.current]
      publish()
    },
    [publish],
  )
  /** The keys held so far, as typed for the next submission. */
  const retarget = useCallback(() => {
    keys.current = forTheNext(keys.current)
    publish()
  }, [publish])
  /** Empties the buffer; answers what it held. */
  const drop = useCallback(() => {
    const out = keys.current
    keys.current = []
    publish()
    return out
  }, [publish])

  return { keys, held, push, keep, retarget, drop }
}

export type KeyBuffer = ReturnType<typeof useKeyBuffer>
