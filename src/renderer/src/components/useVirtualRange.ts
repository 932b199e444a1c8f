// Which rows of a fixed-height virtual list are in view (with some overscan either side),
// from the scroll position and the height of its scroller: the list is told whenever that
// range changes, the active row is scrolled into view, and a list that got shorter is not
// left scrolled past its end.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

interface VirtualRangeOptions {
  count: number
  rowHeight: number
  overscan: number
  /** The row kept in view, or -1. */
  activeIndex: number
  listRef?: (element: HTMLDivElement | null) => void
  onRangeChange(start: number, end: number): void
}

export function useVirtualRange({ count, rowHeight, overscan, activeIndex, listRef, onRangeChange }: VirtualRangeOptions) {
  const scroller = useRef<HTMLDivElement | null>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewHeight, setViewHeight] = useState(600)

  const setRef = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element
      listRef?.(element)
    },
    [listRef],
  )

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setViewHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan)

  useEffect(() => {
    onRangeChange(first, last)
  }, [first, last, onRangeChange])

  // Keep the active option in view (and so in the DOM, where aria-activedescendant can find it).
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || activeIndex < 0) return
    const top = activeIndex * rowHeight
    if (top < element.scrollTop) element.scrollTop = top
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight
    setScrollTop(element.scrollTop)
  }, [activeIndex, rowHeight])

  // A shorter list (a filter, a graded row leaving) must not leave the view past its end.
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && element.scrollTop !== scrollTop) setScrollTop(element.scrollTop)
  }, [count, scrollTop])

  return { setRef, first, last, setScrollTop }
}
