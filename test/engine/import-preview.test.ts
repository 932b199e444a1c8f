// Issue 14, finding 2 (engine side): the dry run's preview says exactly what each row will
// do, the options chosen on the page included: the courses and classes every imported user
// is put in, the group and the membership plan, by name. Real engine, demo world.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { importCalls } from './import-helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const { dry } = importCalls(() => t.async)


const CSV = [
  'email,first_name,courses',
  'new.person@example.org,New,Data Protection Basics',
  // Enrolled in courses 1, 2 and 6 already.
  'student@demo.aomlms.com,Student,',
  'broken,Broken,',
].join('\n')

describe('the preview of each row', () => {
  it('shows the options chosen on the page on every row they apply to, by name', async () => {
    const contractors = rows(t.engine, "SELECT id FROM categories WHERE type = 'user' AND name = 'Contractors'")[0].id as number
    const r = await dry(CSV, { mode: 'add_update', selectedCourses: [1, 3], classIds: [2], groupId: contractors, membershipId: 4 })
    expect(r.options).toEqual({
      courses: [
        { id: 1, name: 'course 1' },
        { id: 3, name: 'First Aid at Work' },
      ],
      classes: [expect.objectContaining({ id: 2, courseName: 'First Aid at Work', location: 'New Jersey Training Centre' })],
      group: { id: contractors, name: 'Contractors' },
      membership: { id: 4, name: 'Gold Plan' },
    })
    const [created, updated, failed] = r.preview
    expect(created).toMatchObject({ action: 'create', group: { id: contractors, name: 'Contractors' }, membership: { id: 4, name: 'Gold Plan' } })
    expect(created.courses).toEqual([
      { id: 5, name: 'Data Protection Basics', from: 'file', enrolled: false },
      { id: 1, name: 'course 1', from: 'options', enrolled: false },
      { id: 3, name: 'First Aid at Work', from: 'options', enrolled: false },
    ])
    expect(created.classes).toEqual([expect.objectContaining({ id: 2, from: 'options', registered: false })])
    // An existing user: already in course 1 (nothing changes there); the bulk upload's
    // membership plan is given to new users only.
    expect(updated).toMatchObject({ action: 'update', membership: null, group: { id: contractors, name: 'Contractors' } })
    expect(updated.courses).toEqual([
      { id: 1, name: 'course 1', from: 'options', enrolled: true },
      { id: 3, name: 'First Aid at Work', from: 'options', enrolled: false },
    ])
    // A row with an error is not imported: it gets nothing.
    expect(failed).toMatchObject({ action: 'error', courses: [], classes: [], group: null, membership: null })
  })

  it('names a group or plan this computer does not know as unknown instead of refusing it', async () => {
    const r = await dry(CSV, { groupId: 987, membershipId: 654 })
    expect(r.options).toMatchObject({ group: { id: 987, name: null }, membership: { id: 654, name: null } })
  })

  it('import.choices lists the groups and membership plans by name', () => {
    const choices = t.call('import.choices', {})
    expect(choices.groups.map((g: any) => g.name)).toEqual(['Contractors', 'User-cat'])
    expect(choices.memberships).toEqual([
      { id: 4, name: 'Gold Plan', holders: 1 },
      { id: 2, name: 'Silver Plan', holders: 1 },
    ])
  })
})
