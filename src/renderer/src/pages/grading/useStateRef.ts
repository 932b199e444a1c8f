// State mirrored in a ref: callbacks read the value at once, before the next render draws it.
import { useCallback, useRef, useState } from 'react'

export function useStateRef<T>(initial: T) {
  const [value, setState] = useState<T>(initial)
  const ref = useRef<T>(value)
  const set = useCallback((next: T) => {
    ref.current = next
    setState(() => next)
  }, [])
  return [value, ref, set] as const
}
