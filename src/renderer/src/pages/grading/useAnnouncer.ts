// What the grading screen says to screen readers and under the grade.
import { useCallback, useState } from 'react'

export function useAnnouncer() {
  const [announcement, setAnnouncement] = useState({ text: '', error: false })

  /** Says `text`; `error` marks a grade not saved. */
  const announce = useCallback((text: string, error = false) => {
    // A repeated message is still announced: the text changes (a zero-width space).
    setAnnouncement((old) => ({ text: old.text === text ? `${text}\u200b` : text, error }))
  }, [])

  return { announcement, announce }
}
