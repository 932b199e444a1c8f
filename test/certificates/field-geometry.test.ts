// Where a certificate template's field goes when dragged or nudged with the arrow keys: it
// stays on the page, Shift steps 10 points, Alt resizes, and a resized field keeps 10
// points a side.
import { describe, expect, it } from 'vitest'
import { movedBy, nudged, resizedBy } from '../../src/renderer/src/pages/certificates/fieldGeometry'

const page = { width: 1000, height: 600 }
const field = { left: 200, top: 100, width: 300, height: 50 }
const key = (k: string, mods: { shiftKey?: boolean; altKey?: boolean } = {}) => ({ key: k, shiftKey: false, altKey: false, ...mods })

describe('field geometry', () => {
  it('moves a field within the page', () => {
    expect(movedBy(field, 15, -20, page)).toEqual({ left: 215, top: 80 })
    expect(movedBy(field, -500, -500, page)).toEqual({ left: 0, top: 0 })
    expect(movedBy(field, 900, 900, page)).toEqual({ left: 700, top: 550 })
  })

  it('resizes a field within the page, never below 10 points a side', () => {
    expect(resizedBy(field, 50, 10, page)).toEqual({ width: 350, height: 60 })
    expect(resizedBy(field, -400, -400, page)).toEqual({ width: 10, height: 10 })
    expect(resizedBy(field, 2000, 2000, page)).toEqual({ width: 800, height: 500 })
  })

  it('arrow keys move a point, with Shift ten, with Alt they resize; other keys do nothing', () => {
    expect(nudged(field, key('ArrowRight'), page)).toEqual({ left: 201, top: 100 })
    expect(nudged(field, key('ArrowUp', { shiftKey: true }), page)).toEqual({ left: 200, top: 90 })
    expect(nudged(field, key('ArrowDown', { altKey: true }), page)).toEqual({ width: 300, height: 51 })
    expect(nudged(field, key('ArrowLeft', { altKey: true, shiftKey: true }), page)).toEqual({ width: 290, height: 50 })
    expect(nudged({ ...field, left: 0 }, key('ArrowLeft'), page)).toEqual({ left: 0, top: 100 })
    expect(nudged(field, key('Enter'), page)).toBeNull()
    expect(nudged(field, key('a', { altKey: true }), page)).toBeNull()
  })
})
