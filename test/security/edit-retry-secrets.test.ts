// Edit and retry of a parked change (issue 16, finding 6): the user corrects the input as
// the Pending page shows it, secrets hidden, so a bulk upload's userList comes back with
// every password as the redaction mark. mergeCorrection puts the saved passwords back in
// the rows they belong to, and refuses a hidden password it cannot place. The correction
// is made from redactSecrets' own output, the merged input checked by users.bulkUpload's
// own schema, as the retry checks it.
import { describe, expect, it } from 'vitest'
import { LmsError } from '../../src/main/engine/errors'
import { mergeCorrection, REDACTED, redactSecrets } from '../../src/main/engine/redact'
import { usersBulkUpload } from '../../src/shared/operations/import'

const queued = {
  userList: [
    { email: 'ann@example.org', first_name: 'Ann', last_name: 'One', password: 'Ann-Secret-1' },
    { email: 'bob@example', first_name: 'Bob', last_name: 'Two', password: 'Bob-Secret-2' },
    { email: 'cy@example.org', first_name: 'Cy', last_name: 'Three', password: 'Cy-Secret-3' },
  ],
  selectedCourses: [4],
}
type Row = (typeof queued.userList)[number]

/** What the Edit and retry form starts from: the userList as the Pending page shows it. */
const shownList = () => structuredClone(redactSecrets(queued).userList as Row[])

function merged(userList: Row[]) {
  const input = mergeCorrection(queued, { userList })
  expect(usersBulkUpload.input.safeParse(input).success).toBe(true)
  return input as typeof queued
}

describe('edit and retry of a parked bulk upload', () => {
  it('a corrected email keeps every real password, in its own row', () => {
    const rows = shownList()
    expect(rows.every((r) => r.password === REDACTED)).toBe(true)
    rows[1]!.email = 'bob@example.org'
    expect(merged(rows).userList.map((r) => [r.email, r.password])).toEqual([
      ['ann@example.org', 'Ann-Secret-1'],
      ['bob@example.org', 'Bob-Secret-2'],
      ['cy@example.org', 'Cy-Secret-3'],
    ])
  })

  it('rows removed, reordered or renamed keep their own passwords', () => {
    const [ann, , cy] = shownList()
    cy!.first_name = 'Cyrus'
    const input = merged([cy!, ann!])
    expect(input.userList).toEqual([
      { email: 'cy@example.org', first_name: 'Cyrus', last_name: 'Three', password: 'Cy-Secret-3' },
      { email: 'ann@example.org', first_name: 'Ann', last_name: 'One', password: 'Ann-Secret-1' },
    ])
    expect(input.selectedCourses).toEqual([4])
  })

  it('a new password typed in a row is sent as typed', () => {
    const rows = shownList()
    rows[2]!.password = 'Cy-New-Secret'
    expect(merged(rows).userList.map((r) => r.password)).toEqual(['Ann-Secret-1', 'Bob-Secret-2', 'Cy-New-Secret'])
  })

  it('a hidden password that belongs to no saved row is refused with the row named, never sent hidden', () => {
    const rows = shownList()
    rows.push({ email: 'dee@example.org', first_name: 'Dee', last_name: 'Four', password: REDACTED })
    let refused: unknown
    try {
      mergeCorrection(queued, { userList: rows })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(LmsError)
    expect((refused as LmsError).toPayload()).toMatchObject({ status: 422, fields: { 'userList.3.password': [expect.stringContaining('type it again')] } })
  })

  it('a row removed while another changed its email cannot be matched and is refused', () => {
    const [ann, , cy] = shownList()
    cy!.email = 'cyrus@example.org'
    expect(() => mergeCorrection(queued, { userList: [ann!, cy!] })).toThrow(/cannot be matched/)
  })
})
