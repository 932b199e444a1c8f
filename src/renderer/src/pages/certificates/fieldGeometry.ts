// Where a template field goes when it is dragged or nudged with the keys, in page points:
// it stays on the page, and a resized field keeps at least 10 points a side.
import type { CertificateField } from '../../../../shared/operations/certificates'

export interface PageSize {
  width: number
  height: number
}

type Box = Pick<CertificateField, 'left' | 'top' | 'width' | 'height'>

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v))

export function movedBy(field: Box, dx: number, dy: number, page: PageSize): Pick<CertificateField, 'left' | 'top'> {
  return { left: clamp(field.left + dx, 0, page.width - field.width), top: clamp(field.top + dy, 0, page.height - field.height) }
}

export function resizedBy(field: Box, dx: number, dy: number, page: PageSize): Pick<CertificateField, 'width' | 'height'> {
  return { width: clamp(field.width + dx, 10, page.width - field.left), height: clamp(field.height + dy, 10, page.height - field.top) }
}

/** An arrow key moves the field a point (Shift: 10), with Alt it resizes it; other keys do nothing (null). */
export function nudged(field: Box, key: { key: string; shiftKey: boolean; altKey: boolean }, page: PageSize): Partial<CertificateField> | null {
  const step = key.shiftKey ? 10 : 1
  const dir: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
  const delta = dir[key.key]
  if (!delta) return null
  return key.altKey ? resizedBy(field, delta[0], delta[1], page) : movedBy(field, delta[0], delta[1], page)
}
