// One field's box on the canvas, at the canvas's scale, in its font, size and colour: a
// button that selects the field on focus, with a corner handle to resize it.
import { Box, Text } from '@mantine/core'
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react'
import type { CertificateField } from '../../../../shared/operations/certificates'
import { useT } from '../../i18n'
import classes from './Certificates.module.css'
import type { DragMode } from './useFieldDrag'

interface CanvasFieldProps {
  field: CertificateField
  labels: Record<string, string>
  selected: boolean
  scale: number
  onPointerDown(e: ReactPointerEvent, mode: DragMode): void
  onFocus(): void
  onKeyDown(e: KeyboardEvent): void
}

export function CanvasField({ field: f, labels, selected, scale, onPointerDown, onFocus, onKeyDown }: CanvasFieldProps) {
  const t = useT()
  const label = f.key === 'custom_text' ? f.value || t('certs.canvas.customText') : (labels[f.key] ?? f.key)
  return (
    <Box
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={t('certs.canvas.fieldLabel', { label, left: f.left, top: f.top, width: f.width, height: f.height })}
      className={`${classes.field} ${selected ? classes.selected : ''}`}
      style={{
        left: f.left * scale,
        top: f.top * scale,
        width: f.width * scale,
        height: f.height * scale,
        justifyContent: f.align_center ? 'center' : 'flex-start',
      }}
      onPointerDown={(e) => onPointerDown(e, 'move')}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      data-field-key={f.key}
    >
      <Text component="span" className={classes.fieldText} style={{ fontSize: Math.max(8, f.font_size * scale), color: f.font_color, fontFamily: cssFont(f.font_family) }}>
        {label}
      </Text>
      <span className={classes.handle} onPointerDown={(e) => onPointerDown(e, 'resize')} aria-hidden="true" data-testid="resize-handle" />
    </Box>
  )
}

function cssFont(family: string): string {
  if (/courier|mono/i.test(family)) return 'Courier New, monospace'
  if (/times/i.test(family)) return 'Times New Roman, serif'
  return 'Arial, Helvetica, sans-serif'
}
