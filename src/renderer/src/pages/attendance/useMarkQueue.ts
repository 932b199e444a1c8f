// Marks are sent one after another, so two quick marks of one learner arrive in order. While
// marks are on their way, a page read meanwhile may be older than what is shown: a change the
// engine tells of then is read once the last mark is answered.
import { useCallback, useRef } from 'react'

export type MarkQueue = ReturnType<typeof useMarkQueue>

export function useMarkQueue() {
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const sending = useRef(0)
  /** How many marks were ever started: a read that sees it change was overtaken by a mark. */
  const marksStarted = useRef(0)
  const changedMeanwhile = useRef(false)

  /** Reads a change now, or once the marks on their way are answered. */
  const afterMarks = useCallback((read: () => void) => {
    if (sending.current > 0) changedMeanwhile.current = true
    else read()
  }, [])

  /**
   * Sends a mark after those before it. A refusal calls `undo` and is thrown; when the last
   * mark is answered and a change was told of meanwhile, `readChanged` reads it.
   */
  const send = useCallback(async (call: () => Promise<unknown>, undo: () => void, readChanged: () => void) => {
    marksStarted.current++
    const sent = queue.current.catch(() => undefined).then(call)
    queue.current = sent
    sending.current++
    try {
      await sent
    } catch (e) {
      undo()
      throw e
    } finally {
      sending.current--
      if (sending.current === 0 && changedMeanwhile.current) {
        changedMeanwhile.current = false
        readChanged()
      }
    }
  }, [])

  return { marksStarted, afterMarks, send }
}
