// The template page at screen scale: the background and a box per field. A box moves
// by dragging it or with the arrow keys (Shift: 10 points), and resizes by dragging its
// corner handle or with Alt+arrows.
import { Box, Text } from '@mantine/core'
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { CertificateField } from '../../../../shared/operations/certificates'
import classes from './Certificates.module.css'
import { useT } from '../../i18n'

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

type Drag = { index: number; mode: 'move' | 'resize'; startX: number; startY: number; field: CertificateField }

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v))

export function FieldCanvas({ width, height, background, fields, labels, selected, onSelect, onChange }: FieldCanvasProps) {
  const t = useT()
  const frame = useRef<HTMLDivElement>(null)
  const [scale, setScale] = useState(0.6)
  const drag = useRef<Drag | null>(null)

  useEffect(() => {
    const el = frame.current
    if (!el) return
    const measure = () => setScale(Math.min(1, el.clientWidth / width))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [width])

  function start(e: ReactPointerEvent, index: number, mode: Drag['mode']) {
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
    if (d.mode === 'move') {
      onChange(d.index, { left: clamp(d.field.left + dx, 0, width - d.field.width), top: clamp(d.field.top + dy, 0, height - d.field.height) })
    } else {
      onChange(d.index, { width: clamp(d.field.width + dx, 10, width - d.field.left), height: clamp(d.field.height + dy, 10, height - d.field.top) })
    }
  }

  function keyDown(e: React.KeyboardEvent, index: number) {
    const step = e.shiftKey ? 10 : 1
    const dir: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
    const delta = dir[e.key]
    if (!delta) return
    e.preventDefault()
    const f = fields[index]
    if (e.altKey) onChange(index, { width: clamp(f.width + delta[0], 10, width - f.left), height: clamp(f.height + delta[1], 10, height - f.top) })
    else onChange(index, { left: clamp(f.left + delta[0], 0, width - f.width), top: clamp(f.top + delta[1], 0, height - f.height) })
  }

  return (
    // The page keeps its own left and top whatever the app's reading direction.
    <div ref={frame} className={classes.canvasFrame} dir="ltr">
      <div
        className={classes.canvas}
        style={{ width: width * scale, height: height * scale }}
        onPointerMove={move}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        data-testid="template-canvas"
        data-scale={scale}
      >
        {background ? <img src={background} alt="" className={classes.background} draggable={false} /> : null}
        {fields.map((f, i) => {
          const label = f.key === 'custom_text' ? f.value || t('certs.canvas.customText') : (labels[f.key] ?? f.key)
          return (
            <Box
              key={i}
              role="button"
              tabIndex={0}
              aria-pressed={selected === i}
              aria-label={t('certs.canvas.fieldLabel', { label, left: f.left, top: f.top, width: f.width, height: f.height })}
              className={`${classes.field} ${selected === i ? classes.selected : ''}`}
              style={{
                left: f.left * scale,
                top: f.top * scale,
                width: f.width * scale,
                height: f.height * scale,
                justifyContent: f.align_center ? 'center' : 'flex-start',
              }}
              onPointerDown={(e) => start(e, i, 'move')}
              onFocus={() => onSelect(i)}
              onKeyDown={(e) => keyDown(e, i)}
              data-field-key={f.key}
            >
              <Text
                component="span"
                className={classes.fieldText}
                style={{ fontSize: Math.max(8, f.font_size * scale), color: f.font_color, fontFamily: cssFont(f.font_family) }}
              >
                {label}
              </Text>
              <span className={classes.handle} onPointerDown={(e) => start(e, i, 'resize')} aria-hidden="true" data-testid="resize-handle" />
            </Box>
          )
        })}
      </div>
    </div>
  )
}

function cssFont(family: string): string {
  if (/courier|mono/i.test(family)) return 'Courier New, monospace'
  if (/times/i.test(family)) return 'Times New Roman, serif'
  return 'Arial, Helvetica, sans-serif'
}
