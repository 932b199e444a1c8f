// The edit-and-retry form's reading of a parked change: each input value's kind (a hidden
// secret, an id of a record on this computer, text, number, switch, JSON naming the ids
// inside it to keep), and what the user changed typed back, with the fields that do not
// read as their kind named instead of sent.
import { describe, expect, it } from 'vitest'
import { REDACTED } from '../../src/shared/contract/redaction'
import type { ParkedRecord } from '../../src/shared/operations/sync'
import { changedInput, foldNestedErrors, retryFields, toText } from '../../src/renderer/src/pages/sync/retryFields'

const record = (operation: string, input: unknown) => ({ operation, input }) as unknown as ParkedRecord

describe('retry fields', () => {
  const parked = record('courses.create', {
    name: 'First Aid',
    price: 12,
    featured: false,
    modules: [{ module_id: 3 }],
    categories: [2],
    secret: REDACTED,
  })
  const fields = retryFields(parked)
  const texts = Object.fromEntries(fields.filter((f) => f.kind !== 'boolean').map((f) => [f.key, toText(f)]))

  it('reads each value as its kind, and names the ids inside JSON to keep', () => {
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['name', 'text'],
      ['price', 'number'],
      ['featured', 'boolean'],
      ['modules', 'json'],
      ['categories', 'reference'],
      ['secret', 'secret'],
    ])
    expect(fields.find((f) => f.key === 'modules')?.nestedRefs).toEqual(['module_id'])
    expect(retryFields(record('courses.create', [1, 2]))).toEqual([])
    expect(retryFields(null)).toEqual([])
  })

  it('sends only what changed, typed back; secrets and references never', () => {
    expect(changedInput(fields, texts, { featured: false })).toEqual({ input: {}, problems: {} })
    const edited = { ...texts, name: 'First Aid at Work', price: ' 15.5 ', modules: '[{"module_id": 3}, {"module_id": 4}]', categories: '[9]', secret: 'x' }
    expect(changedInput(fields, edited, { featured: true })).toEqual({
      input: { name: 'First Aid at Work', price: 15.5, featured: true, modules: [{ module_id: 3 }, { module_id: 4 }] },
      problems: {},
    })
  })

  it('names a number or JSON that does not read, and sends nothing of it', () => {
    const { input, problems } = changedInput(fields, { ...texts, price: '12 euros', modules: '[{"module_id": 3}' }, { featured: false })
    expect(input).toEqual({})
    expect(problems).toEqual({ price: 'number', modules: 'json' })
    expect(changedInput(fields, { ...texts, price: '  ' }, { featured: false }).problems).toEqual({ price: 'number' })
  })

  it('shows an error inside a JSON field under that field, led by where in the JSON it is', () => {
    const keys = fields.map((f) => f.key)
    expect(
      foldNestedErrors(
        {
          name: 'The name is required.',
          'modules.0.module_id': 'The module id must be a number.',
          'modules.1.drip.unit': 'The unit must be day or week.',
          'modulesExtra.0': 'Not a field of this form.',
        },
        keys,
      ),
    ).toEqual({
      name: 'The name is required.',
      modules: '[0].module_id: The module id must be a number. [1].drip.unit: The unit must be day or week.',
      'modulesExtra.0': 'Not a field of this form.',
    })
  })
})
