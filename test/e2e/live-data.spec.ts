// Screens follow changes made elsewhere without a reload: the engine names the entities of
// each committed write or import in a `changed` event (over /app/events here), and the
// screen's queries reading them refetch. Two tabs of one browser on the real server; the
// tab that watches is never reloaded (a mark set on its window survives).
import { expect, test, type Page } from '@playwright/test'
import { api, createUser, openApp, settled, unique } from './helpers'
import { bigClass } from './worlds'

/** Marks the window; the mark is gone if the tab reloads or navigates away. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate('window.liveMark = 17')
}
async function stillSameWindow(page: Page): Promise<boolean> {
  return (await page.evaluate('window.liveMark === 17')) as boolean
}

test('users imported in one tab appear in the Users screen of another tab without a reload', async ({ context }) => {
  const tag = unique('live').toLowerCase()
  const watcher = await context.newPage()
  await openApp(watcher, '#/users')
  const table = watcher.getByRole('table', { name: 'Users' })
  await settled(table)
  // At human speed: the search box is typed, key by key.
  await watcher.getByLabel('Search users').pressSequentially(tag, { delay: 60 })
  await expect(watcher.getByText('No users match the search.')).toBeVisible()
  await markWindow(watcher)

  const importer = await context.newPage()
  await openApp(importer, '#/import')
  const csv = ['Email,First Name,Last Name', `${tag}.1@example.org,Ines,Lindqvist`, `${tag}.2@example.org,Omar,Haddad`, `${tag}.3@example.org,Mei,Tanaka`].join('\r\n') + '\r\n'
  await importer.getByTestId('import-file-input').setInputFiles({ name: `${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await expect(importer.getByTestId('import-summary')).toHaveText('3 rows read: 3 new, 0 to update, 0 skipped, 0 with errors.')
  await importer.getByRole('button', { name: 'Import 3 users' }).click()
  await expect(importer.getByTestId('import-result-counts')).toContainText('3 created, 0 updated, 0 skipped, 0 failed')

  // The other tab shows them, found by the search it already had.
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(table).toContainText(`${tag}.1@example.org`)
  await expect(table).toContainText('Lindqvist')
  expect(await stillSameWindow(watcher)).toBe(true)

  // What the screen shows is what the engine holds.
  const stored = await api<{ recordsFiltered: number; records: { email: string }[] }>(
    watcher,
    'GET',
    `/api/users/tabularlist?page_size=10&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: tag }))}`,
  )
  expect(stored.records.map((r) => r.email).sort()).toEqual([1, 2, 3].map((n) => `${tag}.${n}@example.org`))
})

test('a learner enrolled in one tab shows in the enrolled students and totals of the course open in another tab', async ({ context }) => {
  const tag = unique('livecourse')
  const watcher = await context.newPage()
  await openApp(watcher, '#/courses')
  const name = `Live Course ${tag}`
  const { id: courseId } = await api<{ id: number }>(watcher, 'POST', '/api/course', {
    name,
    slug: tag.toLowerCase(),
    status: 'publish',
    gradingRule: 'no_grading',
    durationRule: 'unlimited',
  })
  const user = await createUser(watcher, 'liveenroll')
  await openApp(watcher, `#/courses/${courseId}`)
  const students = watcher.getByRole('table', { name: `Students enrolled in ${name}` })
  await settled(students)
  await expect(watcher.getByTestId('total-enrolled')).toHaveText('0')
  await markWindow(watcher)

  const other = await context.newPage()
  await openApp(other, `#/courses/${courseId}`)
  await other.getByRole('button', { name: 'Enroll students' }).click()
  const dialog = other.getByRole('dialog', { name: `Enroll students in ${name}` })
  const picker = dialog.getByRole('combobox', { name: 'Students' })
  await picker.click()
  await picker.pressSequentially(user.email, { delay: 60 })
  await other.getByRole('listbox', { name: 'Students' }).getByRole('option').filter({ hasText: user.email }).click()
  await other.keyboard.press('Tab')
  await dialog.getByRole('button', { name: 'Enroll', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect(watcher.getByTestId('total-enrolled')).toHaveText('1')
  await expect(students.locator('tbody tr')).toHaveCount(1)
  await expect(students).toContainText(user.email)
  expect(await stillSameWindow(watcher)).toBe(true)

  const enrolled = await api<{ recordsFiltered: number }>(watcher, 'GET', `/api/course/enrolled-students?course_id=${courseId}&page_size=10&page_number=1`)
  expect(enrolled.recordsFiltered).toBe(1)
})

test('a mark made in one tab shows on the roster and counts of the class open in another tab', async ({ context }) => {
  const watcher = await context.newPage()
  await openApp(watcher, '#/attendance')
  const { classId, tag } = await bigClass(watcher, 3)
  const first = `Learner ${tag} 0000`
  await openApp(watcher, `#/attendance?class=${classId}`)
  await expect(watcher.getByTestId('roster-row')).toHaveCount(3)
  await expect(watcher.getByTestId('count-Attended')).toHaveText('Attended 0')
  await markWindow(watcher)

  const other = await context.newPage()
  await openApp(other, `#/attendance?class=${classId}`)
  await other.getByRole('group', { name: `Attendance of ${first}` }).getByRole('button', { name: 'No Show' }).click()
  await expect(other.getByTestId('count-No Show')).toHaveText('No Show 1')

  const watched = watcher.getByRole('group', { name: `Attendance of ${first}` })
  await expect(watched.getByRole('button', { name: 'No Show' })).toHaveAttribute('aria-pressed', 'true')
  await expect(watcher.getByTestId('count-No Show')).toHaveText('No Show 1')
  await expect(watcher.getByTestId('count-Registered')).toHaveText('Registered 2')
  expect(await stillSameWindow(watcher)).toBe(true)

  const order = encodeURIComponent(JSON.stringify({ colName: 'id', direction: 'asc' }))
  const { records } = await api<{ records: { name: string; status: string }[] }>(watcher, 'GET', `/api/class/enrolled-students?class_id=${classId}&page_size=10&order_by=${order}`)
  expect(records.find((r) => r.name === first)?.status).toBe('No Show')
})

test('an open enroll picker stops offering a user enrolled in another tab', async ({ context }) => {
  const tag = unique('livepick')
  const watcher = await context.newPage()
  await openApp(watcher, '#/courses')
  const name = `Live Picker ${tag}`
  const { id: courseId } = await api<{ id: number }>(watcher, 'POST', '/api/course', { name, slug: tag.toLowerCase(), status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' })
  const user = await createUser(watcher, 'livepick')
  await openApp(watcher, `#/courses/${courseId}`)
  await watcher.getByRole('button', { name: 'Enroll students' }).click()
  const dialog = watcher.getByRole('dialog', { name: `Enroll students in ${name}` })
  const picker = dialog.getByRole('combobox', { name: 'Students' })
  await picker.click()
  await picker.pressSequentially(user.email, { delay: 60 })
  const listbox = watcher.getByRole('listbox', { name: 'Students' })
  await expect(listbox.getByRole('option').filter({ hasText: user.email })).toHaveCount(1)
  await markWindow(watcher)

  // Enrolled from another tab, the user is no longer offered by the list still open here.
  const other = await context.newPage()
  await openApp(other, '#/courses')
  await api(other, 'POST', `/api/course/enroll/${courseId}`, { studentIds: [user.id] })
  await expect(listbox.getByRole('option').filter({ hasText: user.email })).toHaveCount(0)
  await expect(dialog.getByText('No user matches')).toBeVisible()
  expect(await stillSameWindow(watcher)).toBe(true)
})
