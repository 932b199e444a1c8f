// The grading screen's type-ahead rule on its own: keys held while the screen is busy are
// replayed into the submission shown next exactly as they were typed, up to a Ctrl+Enter.
import { describe, expect, it } from 'vitest'
import { describeHeldKeys, forTheNext, heldKeyOf, replayHeldKeys, type HeldKey, type KeyTarget } from '../../src/renderer/src/pages/grading/typeAhead'

const press = (key: string, target: KeyTarget = 'flow', mods: { ctrl?: boolean; shift?: boolean; meta?: boolean; alt?: boolean } = {}) =>
  heldKeyOf({ key, ctrlKey: Boolean(mods.ctrl), metaKey: Boolean(mods.meta), altKey: Boolean(mods.alt), shiftKey: Boolean(mods.shift) }, target, false)
const typed = (text: string, target: KeyTarget = 'flow'): HeldKey[] => [...text].map((k) => press(k === '\n' ? 'Enter' : k, target)!)
const ctrlEnter = press('Enter', 'flow', { ctrl: true })!
const loaded = { points: '', message: '' }

describe('heldKeyOf', () => {
  it('holds typing and the save keys, and lets other keys through', () => {
    expect(press('7', 'points')).toEqual({ kind: 'text', text: '7', target: 'points' })
    expect(press('Backspace', 'message')).toEqual({ kind: 'backspace', target: 'message' })
    expect(press('Enter', 'points')).toEqual({ kind: 'enter', target: 'points' })
    expect(ctrlEnter).toEqual({ kind: 'save', accept: true })
    expect(press('Enter', null, { ctrl: true, shift: true })).toEqual({ kind: 'save', accept: false })
    // macOS saves with ⌘, not Ctrl.
    expect(heldKeyOf({ key: 'Enter', ctrlKey: false, metaKey: true, altKey: false, shiftKey: false }, 'points', true)).toEqual({ kind: 'save', accept: true })
    for (const key of ['Tab', 'ArrowDown', 'Shift', 'F5']) expect(press(key)).toBeNull()
    expect(press('z', 'points', { ctrl: true })).toBeNull()
    expect(press('ArrowDown', 'points', { alt: true })).toBeNull()
  })
})

describe('replayHeldKeys', () => {
  it('types a grade into the next submission, whole, and stops at its Ctrl+Enter', () => {
    const keys = [...typed('14'), ctrlEnter, ...typed('13'), ctrlEnter]
    const first = replayHeldKeys(loaded, keys)
    expect(first).toMatchObject({ points: '14', message: '', field: 'points', save: { accept: true } })
    expect(first.rest).toEqual([...typed('13'), ctrlEnter])
    expect(replayHeldKeys(loaded, first.rest)).toMatchObject({ points: '13', save: { accept: true }, rest: [] })
  })

  it('Enter in the points goes on to the message, where Enter is a new line', () => {
    const r = replayHeldKeys(loaded, typed('9\nGood\nwork'))
    expect(r).toMatchObject({ points: '9', message: 'Good\nwork', field: 'message', save: null })
  })

  it('replaces what loaded in a field typed into, and keeps a field not typed into', () => {
    const draft = { points: '12', message: 'Draft message' }
    expect(replayHeldKeys(draft, typed('30'))).toMatchObject({ points: '30', message: 'Draft message' })
    expect(replayHeldKeys(draft, typed('Hi', 'message'))).toMatchObject({ points: '12', message: 'Hi', field: 'message' })
    expect(replayHeldKeys(draft, [])).toMatchObject({ points: '12', message: 'Draft message', field: null })
  })

  it('applies Backspace as typed', () => {
    expect(replayHeldKeys(loaded, [...typed('45'), press('Backspace')!, ...typed('2')])).toMatchObject({ points: '42' })
  })

  it('keeps keys in the field they were typed in (a paste into the message while loading)', () => {
    const keys = [...typed('10', 'points'), ...typed('Try again', 'message'), press('Enter', 'points', { ctrl: true, shift: true })!]
    expect(replayHeldKeys(loaded, keys)).toMatchObject({ points: '10', message: 'Try again', save: { accept: false } })
  })

  it('does not apply keys typed on a button, and says which', () => {
    const r = replayHeldKeys(loaded, [...typed('5', null), ...typed('7', 'points')])
    expect(r.points).toBe('7')
    expect(r.dropped).toEqual(typed('5', null))
  })

  it('keys typed before the next submission was shown follow the flow from its points', () => {
    const keys = forTheNext([...typed('2', 'message'), ...typed('1', 'points'), ctrlEnter])
    expect(keys.every((k) => k.kind === 'save' || k.target === 'flow')).toBe(true)
    expect(replayHeldKeys(loaded, keys)).toMatchObject({ points: '21', message: '', save: { accept: true } })
  })
})

describe('describeHeldKeys', () => {
  it('reads as the keys were typed', () => {
    const keys = [...typed('13\nOk'), press('Backspace')!, ctrlEnter]
    expect(describeHeldKeys(keys, (accept) => (accept ? 'Ctrl+Enter' : 'Ctrl+Shift+Enter'))).toBe('13 ⏎ Ok ⌫ Ctrl+Enter')
  })
})
