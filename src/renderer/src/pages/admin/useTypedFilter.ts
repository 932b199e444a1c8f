// A filter typed like the list's own search: what is typed is applied after a pause, and a
// value from elsewhere (the back button, "History") replaces what is typed.
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'

/** `current`: the filter's value in the list's query; `apply` puts the settled text there. */
export function useTypedFilter(current: string, apply: (text: string) => void) {
  const [input, setInput] = useState(current)
  const [settled] = useDebouncedValue(input.trim(), 300)
  useEffect(() => setInput((typed) => (typed.trim() === current ? typed : current)), [current])
  useEffect(() => {
    if (settled !== current) apply(settled)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled])
  return [input, setInput] as const
}
