// User administration through the registry on a real temporary SQLite file: addresses
// (one default per user), custom user fields, membership, the queued new-account email,
// and the leaderboard.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpName } from '../../src/shared/operations/index'
import { changeRecords, count, err, ok, openTestEngine, rows, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const recordsOf = (operation: OpName) => changeRecords(t.engine).filter((r) => r.operation === operation)
const address = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Ama Mensah',
  addressLine1: '3 Ring Road',
  addressLine2: '',
  zipcode: 'GA-123',
  city: 'Accra',
  state: '',
  country: 'GH',
  isDefault: false,
  ...overrides,
})
const defaults = (userId: number) => t.call('users.defaultAddress', { id: userId }).map((a) => a.id)

describe('addresses', () => {
  it('a new default address takes the default from the old one: one default per user', () => {
    expect(defaults(4)).toEqual([1])
    const { id } = t.call('users.addAddress', { id: 4, ...address({ isDefault: true }) })
    expect(defaults(4)).toEqual([id])
    const list = t.call('users.addresses', { id: 4 })
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([id])
    // Other users' defaults are untouched.
    expect(defaults(3)).toEqual([3])
    expect(recordsOf('users.addAddress')).toMatchObject([{ entity: 'address', local_id: id, input: { id: 4, fullName: 'Ama Mensah', isDefault: true } }])
  })

  it('making an address default by update moves the default; a non-default add leaves it', () => {
    const { id } = t.call('users.addAddress', { id: 4, ...address() })
    expect(defaults(4)).toEqual([1])
    t.call('users.updateAddress', { id: 2, ...address({ fullName: 'John Doe', isDefault: 'true' }) })
    expect(defaults(4)).toEqual([2])
    expect(t.call('users.getAddress', { id })[0].isDefault).toBe(false)
    t.call('users.updateAddress', { id: 2, ...address({ fullName: 'John Doe', isDefault: false }) })
    expect(defaults(4)).toEqual([])
  })

  it('the database refuses a second default even if a handler forgot the rule', () => {
    const at = '2024-01-01T00:00:00.000Z'
    expect(() =>
      t.engine.sql.raw
        .prepare('INSERT INTO user_addresses (user_id, is_default, full_name, address_line1, zipcode, city, country, created_at, updated_at) VALUES (4, 1, ?, ?, ?, ?, ?, ?, ?)')
        .run('X', 'Y', '1', 'Z', 'GB', at, at),
    ).toThrow(/UNIQUE/)
  })

  it('an update that changes nothing queues nothing; unknown users and addresses are 404, missing fields 422', () => {
    const [a] = t.call('users.getAddress', { id: 1 })
    t.call('users.updateAddress', a)
    expect(recordsOf('users.updateAddress')).toEqual([])
    expect(t.fails('users.addAddress', { id: 9999, ...address() }).status).toBe(404)
    expect(t.fails('users.getAddress', { id: 9999 }).status).toBe(404)
    const e = t.fails('users.addAddress', { id: 4, ...address({ city: '' }) })
    expect(e.status).toBe(422)
    expect(e.fields).toHaveProperty('city')
  })
})

describe('custom user fields', () => {
  const current = () => t.call('users.customUserFields', {}).fields
  const asBody = (f: any) => ({ id: f.id, type: f.type, label: f.label, defaultValue: f.defaultValue ?? '', isRequired: f.isRequired, optionLabel: f.optionLabel, isFieldOnRegistrationPage: f.isFieldOnRegistrationPage, isFieldOnCertificate: f.isFieldOnCertificate, includeInReportExports: f.includeInReportExports })

  it('PUT adds new fields, updates kept ones in the order given and deletes the ones left out', () => {
    const [first, second] = current()
    ok(
      t.result('users.customUserFields', {}) && t.result('users.customUserFieldsUpdate', {
        fields: [
          { type: 'date', label: 'What is your Date of Birth', defaultValue: '', isRequired: false, optionLabel: [], isFieldOnRegistrationPage: true, isFieldOnCertificate: true, includeInReportExports: [] },
          { ...asBody(second), label: 'Home address' },
          asBody(first),
        ],
      }),
    )
    const after = current()
    expect(after.map((f) => f.label)).toEqual(['What is your Date of Birth', 'Home address', 'How you left'])
    expect(after[0]).toMatchObject({ type: 'date', userMetaKey: 'what_is_your_date_of_birth', isFieldOnRegistrationPage: true })
    // The kept field keeps its id and its key even though its label changed.
    expect(after[1]).toMatchObject({ id: second.id, userMetaKey: second.userMetaKey })
    expect(t.call('users.customRegistrationFields', {}).fields.map((f: any) => f.label)).toEqual(['What is your Date of Birth', 'Home address'])
    const [record] = recordsOf('users.customUserFieldsUpdate')
    expect(record.input.fields.map((f: any) => f.label)).toEqual(['What is your Date of Birth', 'Home address', 'How you left'])
    expect(record.input.fields[0]).not.toHaveProperty('id')
  })

  it('refuses duplicate labels, choice fields without options and unknown ids, changing nothing', () => {
    const before = current()
    const dup = t.fails('users.customUserFieldsUpdate', { fields: [{ type: 'text', label: 'Team' }, { type: 'text', label: 'team' }] })
    expect(dup.fields).toHaveProperty(['fields.1.label'])
    const noOptions = t.fails('users.customUserFieldsUpdate', { fields: [{ type: 'radio', label: 'Shift', optionLabel: [] }] })
    expect(noOptions.fields).toHaveProperty(['fields.0.optionLabel'])
    expect(t.fails('users.customUserFieldsUpdate', { fields: [{ id: 999, type: 'text', label: 'Ghost' }] }).status).toBe(422)
    expect(err(t.raw('users.customUserFieldsUpdate', { fields: [{ type: 'colour', label: 'Favourite' }] })).status).toBe(422)
    expect(current()).toEqual(before)
    expect(recordsOf('users.customUserFieldsUpdate')).toEqual([])
  })

  it('a field a certificate template prints cannot be deleted; can-delete-field says which template', () => {
    const at = '2024-01-01T00:00:00.000Z'
    t.engine.sql.raw
      .prepare('INSERT INTO certificate_templates (name, width, height, fields, created_at, updated_at) VALUES (?, 800, 600, ?, ?, ?)')
      .run('Safety certificate', JSON.stringify([{ key: 'custom_field_1', value: 'How you left', font_size: 12, top: 1, left: 1, width: 100, height: 20 }]), at, at)
    const answer = t.call('users.canDeleteField', { fieldToDelete: JSON.stringify({ id: 1, type: 'text', label: 'How you left' }) })
    expect(answer).toEqual({ canDeleteField: false, message: expect.stringContaining('Safety certificate'), certificateTemplates: 'Safety certificate' })
    expect(t.call('users.canDeleteField', { fieldToDelete: '{"id":2}' }).canDeleteField).toBe(true)
    const kept = current().filter((f) => f.id !== 1).map(asBody)
    expect(t.fails('users.customUserFieldsUpdate', { fields: kept }).message).toMatch(/Safety certificate/)
    expect(current().map((f) => f.id)).toContain(1)
    expect(t.fails('users.canDeleteField', { fieldToDelete: 'not json' }).status).toBe(422)
  })
})

describe('membership', () => {
  it('is stored from the documented JSON string, listed among membership holders, and queued once', () => {
    t.call('users.updateMembership', { id: 11, membership: '{"id":4,"name":"Gold Plan","expired_at": "2031-10-01 23:00:00"}' })
    expect(rows(t.engine, 'SELECT plan_id, name, expired_at FROM user_memberships WHERE user_id = 11')).toEqual([{ plan_id: 4, name: 'Gold Plan', expired_at: '2031-10-01T23:00:00.000Z' }])
    t.call('users.updateMembership', { id: 11, membership: { id: 4, name: 'Gold Plan', expired_at: '2031-10-01 23:00:00' } })
    expect(recordsOf('users.updateMembership')).toHaveLength(1)
    expect(t.call('membership.userContents', { page_size: 50 }).records.map((r: any) => r.id)).toContain(11)
    expect(t.fails('users.updateMembership', { id: 11, membership: '{"id":4' }).status).toBe(422)
    expect(t.fails('users.updateMembership', { id: 11, membership: '{"id":4,"name":"Gold","expired_at":"someday"}' }).status).toBe(422)
  })
})

describe('email.resendNewAccountEmail', () => {
  it('is queued for sync and the answer says so; no mail is pretended to be sent', () => {
    const answer = t.call('email.resendNewAccountEmail', { user_id: 4 })
    expect(answer).toEqual([{ status: 'queued', message: expect.stringMatching(/queued.*next sync/) }])
    expect(recordsOf('email.resendNewAccountEmail')).toMatchObject([{ entity: 'user', local_id: 4, input: { user_id: 4 }, state: 'pending' }])
    expect(t.fails('email.resendNewAccountEmail', { user_id: 9999 }).status).toBe(404)
    expect(recordsOf('email.resendNewAccountEmail')).toHaveLength(1)
  })
})

describe('reports of users', () => {
  it('the leaderboard ranks by badge points and places the asked user', () => {
    const at = '2024-01-01T00:00:00.000Z'
    const badge = (title: string, points: number) =>
      Number(t.engine.sql.raw.prepare('INSERT INTO badges (title, points, badge_icon_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(title, points, '/b.png', at, at).lastInsertRowid)
    const gold = badge('Gold star', 50)
    const silver = badge('Silver star', 20)
    const award = (userId: number, badgeId: number) => t.engine.sql.raw.prepare('INSERT INTO user_badges (user_id, badge_id, awarded_at) VALUES (?, ?, ?)').run(userId, badgeId, at)
    award(12, gold)
    award(12, silver)
    award(13, gold)
    const board = t.call('users.leaderboard', { id: 13 })
    expect(board.rankedUsers[0]).toMatchObject({ id: 12, rank: 1, badgeCount: 2 })
    expect(board.rankedUsers[1]).toMatchObject({ id: 13, rank: 2 })
    expect(board.userRank).toBe(2)
    expect(board.userTier).toMatch(/^Level \d+$/)
    expect(t.call('users.badges', { id: 12 }).map((b: any) => b.title).sort()).toEqual(['Gold star', 'Silver star'])
  })

  it('dashboard statistics and the user report agree with the enrollments', () => {
    const stats = t.call('users.dashboardStatistics', { user_id: 4 })
    expect(stats.total).toBe(count(t.engine, 'enrollments', 'user_id = 4'))
    expect(stats.studentName).toBe('John Doe')
    const report = t.call('users.detailedReport', { user_id: 4, search_param: '{"course":"1"}' })
    expect(report.records.map((r: any) => r.courseName)).toEqual(['course 1'])
    const all = t.call('users.report', { page_size: 5, registered_between: '{"first_name":"John"}' })
    expect(all.records.every((r: any) => r.first_name.includes('John'))).toBe(true)
    expect(all.totalNotStarted + all.totalInProgress + all.totalCompleted).toBeGreaterThan(0)
    expect(t.fails('users.report', { registered_between: '{"first_name":"Aom","last_name"Staff"}' }).status).toBe(422)
  })
})
