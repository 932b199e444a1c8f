// The template page at screen scale: the background and a box per field. A box moves
// by dragging it or with the arrow keys (Shift: 10 points), and resizes by dragging its
// corner handle or with Alt+arrows.
import { useRef, type KeyboardEvent } from 'react'
import type { CertificateField } from '../../../../shared/operations/certificates'
import classes from './Certificates.module.css'
import { CanvasField } from './CanvasField'
import { nudged } from './fieldGeometry'
import { useCanvasScale } from './useCanvasScale'
import { useFieldDrag } from './useFieldDrag'

interface FieldCanvasProps {
  width: number
  height: number
  background: string | null
  fields: CertificateField[]
  labels: Record<string, string>
  selected: number | null
  onSelect(index: number): void
  onChange(index: number, patch: Partial<CertificateField>): void
}

export function FieldCanvas({ width, height, background, fields, labels, selected, onSelect, onChange }: FieldCanvasProps) {
  const frame = useRef<HTMLDivElement>(null)
  const scale = useCanvasScale(frame, width)
  const page = { width, height }
  const drag = useFieldDrag({ fields, page, scale, onSelect, onChange })

  function keyDown(e: KeyboardEvent, index: number) {
    const patch = nudged(fields[index], e, page)
    if (!patch) return
    e.preventDefault()
    onChange(index, patch)
  }

  return (
    // The page keeps its own left and top whatever the app's reading direction.
    <div ref={frame} className={classes.canvasFrame} dir="ltr">
      <div
        className={classes.canvas}
        style={{ width: width * scale, height: height * scale }}
        onPointerMove={drag.move}
        onPointerUp={drag.end}
        onPointerCancel={drag.end}
        data-testid="template-canvas"
        data-scale={scale}
      >
        {background ? <img src={background} alt="" className={classes.background} draggable={false} /> : null}
        {fields.map((f, i) => (
          <CanvasField
            key={i}
            field={f}
            labels={labels}
            selected={selected === i}
            scale={scale}
            onPointerDown={(e, mode) => drag.start(e, i, mode)}
            onFocus={() => onSelect(i)}
            onKeyDown={(e) => keyDown(e, i)}
          />
        ))}
      </div>
    </div>
  )
}
