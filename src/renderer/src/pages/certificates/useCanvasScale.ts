// The scale that fits a page of the given width into its frame (never above 1), measured
// again whenever the frame is resized.
import { useEffect, useState, type RefObject } from 'react'

export function useCanvasScale(frame: RefObject<HTMLDivElement | null>, width: number): number {
  const [scale, setScale] = useState(0.6)
  useEffect(() => {
    const el = frame.current
    if (!el) return
    const measure = () => setScale(Math.min(1, el.clientWidth / width))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [frame, width])
  return scale
}
