// Dragging a field on the canvas: pressing on a box (move) or its corner handle (resize)
// selects it and captures the pointer; each pointer move sets the field from where the drag
// started, in page points at the canvas's scale.
import { useRef, type PointerEvent as ReactPointerEvent } from 'react'
import type { CertificateField } from '../../../../shared/operations/certificates'
import { movedBy, resizedBy, type PageSize } from './fieldGeometry'

export type DragMode = 'move' | 'resize'

type Drag = { index: number; mode: DragMode; startX: number; startY: number; field: CertificateField }

interface FieldDragOptions {
  fields: CertificateField[]
  page: PageSize
  scale: number
  onSelect(index: number): void
  onChange(index: number, patch: Partial<CertificateField>): void
}

export function useFieldDrag({ fields, page, scale, onSelect, onChange }: FieldDragOptions) {
  const drag = useRef<Drag | null>(null)

  function start(e: ReactPointerEvent, index: number, mode: DragMode) {
    e.preventDefault()
    e.stopPropagation()
    onSelect(index)
    ;(e.target as HTMLElement).setPointerCapture(e.pointerId)
    drag.current = { index, mode, startX: e.clientX, startY: e.clientY, field: fields[index] }
  }

  function move(e: ReactPointerEvent) {
    const d = drag.current
    if (!d) return
    const dx = Math.round((e.clientX - d.startX) / scale)
    const dy = Math.round((e.clientY - d.startY) / scale)
    onChange(d.index, d.mode === 'move' ? movedBy(d.field, dx, dy, page) : resizedBy(d.field, dx, dy, page))
  }

  const end = () => {
    drag.current = null
  }

  return { start, move, end }
}
