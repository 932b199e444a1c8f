// Issue 14, the Import screen at a trainer's speed (browser mode, the real server, typing
// at 50-80 ms per key): options never carry over to the next file unseen, the preview says
// what every row gets, courses are named as trainers know them, split names are corrected
// before the import, groups and plans are picked by name, and phone and tablet widths never
// scroll sideways. Every stored outcome is checked through the API.
import { expect, test, type Page } from '@playwright/test'
import { api, openApp, pendingChangeRecords, seriousViolations, unique } from './helpers'

const KEY_DELAY = 65

async function chooseFile(page: Page, name: string, text: string) {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
}

/** Types into a picker like a person and picks the option by its name. */
async function pick(page: Page, label: string, typed: string, option: string) {
  const input = page.getByRole('combobox', { name: label, exact: true })
  await input.click()
  await input.pressSequentially(typed, { delay: KEY_DELAY })
  await page.getByRole('option', { name: option, exact: true }).click()
  await page.keyboard.press('Escape')
}

async function enrolledIn(page: Page, courseId: number, search: string): Promise<string[]> {
  const query = new URLSearchParams({ course_id: String(courseId), page_size: '100', page_number: '1', search_param: JSON.stringify({ nameOrEmail: search }) })
  const answer = await api<{ records: { email: string }[] }>(page, 'GET', `/api/course/enrolled-students?${query}`)
  return answer.records.map((s) => s.email).sort()
}

async function usersMatching(page: Page, search: string) {
  const query = new URLSearchParams({ page_size: '100', page_number: '1', search_param: JSON.stringify({ nameOrEmail: search }) })
  return (await api<{ records: { email: string; first_name: string; last_name: string }[] }>(page, 'GET', `/api/users/tabularlist?${query}`)).records
}

/** The preview's rows: table rows, or one block per row on a phone. */
const previewRows = (page: Page) => page.getByTestId('import-preview').locator('tbody tr, [role=listitem]')
/** Undoes the import the page just finished (named in its result), so the users it made do not linger for other tests. */
async function undoShownImport(page: Page) {
  const text = await page.getByTestId('import-result-counts').innerText()
  const batchId = Number(/\(import (\d+)\)/.exec(text)?.[1])
  const undo = await api<{ removed: number; refused: unknown[] }>(page, 'POST', '/app/import.undo', { batchId })
  expect(undo.refused).toEqual([])
}

const importButton = (page: Page) => page.getByRole('button', { name: /^Import \d+ users?$/ })

test('options chosen for one file are cleared for the next, and the preview shows what each row gets', async ({ page }) => {
  const first = unique('optA')
  const second = unique('optB')
  await openApp(page, '#/import')
  await chooseFile(page, 'first.csv', `email,first_name\n${first}.1@example.org,Ann\n${first}.2@example.org,Bo\n`)
  await expect(page.getByTestId('import-summary')).toContainText('2 rows read')
  await pick(page, 'Enroll everyone into courses', 'First Aid', 'First Aid at Work')
  const preview = page.getByTestId('import-preview')
  await expect(previewRows(page).first()).toContainText('First Aid at Work')
  await expect(previewRows(page).nth(1)).toContainText('First Aid at Work')
  await importButton(page).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('2 created', { timeout: 20_000 })
  expect(await enrolledIn(page, 3, first)).toEqual([`${first}.1@example.org`, `${first}.2@example.org`])
  await undoShownImport(page)

  // The next file on the same visit starts without the options, and says so.
  await chooseFile(page, 'second.csv', `email,first_name\n${second}.1@example.org,Cy\n`)
  await expect(page.getByTestId('import-options-reset')).toContainText('First Aid at Work')
  await expect(page.getByTestId('import-summary')).toContainText('1 row read')
  await expect(preview).not.toContainText('First Aid at Work')
  await expect(page.getByTestId('import-everyone')).toContainText('No courses, classes, group or membership plan for everyone')
  await importButton(page).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('1 created', { timeout: 20_000 })
  expect(await enrolledIn(page, 3, second)).toEqual([])
  await undoShownImport(page)
})

test('the courses column takes course names; a wrong name is shown with the closest courses', async ({ page }) => {
  const tag = unique('names')
  await openApp(page, '#/import')
  const csv = [
    'Email,First Name,Courses',
    `${tag}.1@example.org,Ann,"First Aid at Work; Data Protection Basics"`,
    `${tag}.2@example.org,Bo,first aid at wrok`,
  ].join('\n')
  await chooseFile(page, 'courses.csv', csv)
  await expect(page.getByTestId('import-errors')).toContainText('No course is called "first aid at wrok". The closest: "First Aid at Work".')
  const row = previewRows(page).first()
  await expect(row).toContainText('First Aid at Work')
  await expect(row).toContainText('Data Protection Basics')
  await importButton(page).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('1 created, 0 updated, 0 skipped, 1 failed', { timeout: 20_000 })
  expect(await enrolledIn(page, 3, tag)).toEqual([`${tag}.1@example.org`])
  expect(await enrolledIn(page, 5, tag)).toEqual([`${tag}.1@example.org`])
  await undoShownImport(page)
})

test('a full-name column is split, the uncertain names are corrected by typing, and stored as corrected', async ({ page }) => {
  const tag = unique('split')
  await openApp(page, '#/import')
  const csv = ['Full name,User name', `Ann Example,${tag}.ann@example.org`, `Mary Ann Smith,${tag}.mary@example.org`].join('\n')
  await chooseFile(page, 'full-names.csv', csv)
  const checks = page.getByTestId('import-name-checks')
  await expect(checks).toContainText('Mary Ann Smith')
  expect(await seriousViolations(page)).toEqual([])
  const firstName = checks.getByRole('textbox', { name: 'First name, row 3' })
  const lastName = checks.getByRole('textbox', { name: 'Last name, row 3' })
  await expect(firstName).toHaveValue('Mary Ann')
  await firstName.fill('')
  await firstName.pressSequentially('Mary', { delay: KEY_DELAY })
  await lastName.fill('')
  await lastName.pressSequentially('Ann Smith', { delay: KEY_DELAY })
  await lastName.press('Tab')
  await expect(previewRows(page).nth(1)).toContainText('Ann Smith')
  await importButton(page).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('2 created', { timeout: 20_000 })
  const stored = (await usersMatching(page, tag)).map((u) => [u.email, u.first_name, u.last_name]).sort()
  expect(stored).toEqual([
    [`${tag}.ann@example.org`, 'Ann', 'Example'],
    [`${tag}.mary@example.org`, 'Mary', 'Ann Smith'],
  ])
  await undoShownImport(page)
})

test('group and membership plan are picked by name, shown on every row and sent with the users', async ({ page }) => {
  const tag = unique('grp')
  await openApp(page, '#/import')
  await chooseFile(page, 'group.csv', `email,first_name\n${tag}.1@example.org,Ann\n`)
  await expect(page.getByTestId('import-summary')).toContainText('1 row read')
  await expect(page.getByText('Group id')).toHaveCount(0)
  await expect(page.getByText('Membership id')).toHaveCount(0)
  await pick(page, 'Group', 'Contr', 'Contractors')
  await pick(page, 'Membership plan', 'Gold', 'Gold Plan')
  const row = previewRows(page).first()
  await expect(row).toContainText('Contractors')
  await expect(row).toContainText('Gold Plan')
  expect(await seriousViolations(page)).toEqual([])
  await importButton(page).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('1 created', { timeout: 20_000 })
  const changes = await pendingChangeRecords<{ id: number; operation: string; input: { userList?: { email: string }[]; groupId?: number; membershipId?: number } }>(page)
  const upload = changes.find((c) => c.operation === 'users.bulkUpload' && c.input.userList?.some((u) => u.email === `${tag}.1@example.org`))
  expect(upload?.input).toMatchObject({ groupId: 11, membershipId: 4 })
  await undoShownImport(page)
})

for (const size of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
]) {
  test(`the Import screen does not scroll sideways on a ${size.name} (${size.width}x${size.height})`, async ({ page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height })
    await openApp(page, '#/import')
    const long = 'Bartholomew-Alexander Montgomery-Featherstonehaugh'
    const csv = [
      'Email,First Name,Last Name,Password,Courses,Department',
      `wide.${unique('w')}@example.org,${long},${long},,"First Aid at Work; Data Protection Basics; Workplace Safety Essentials",Operations and Logistics`,
      `=HYPERLINK("http://a-very-long-address.example.org/with/a/long/path"),Eve,Evil,short,Underwater Basket Weaving,Finance`,
    ].join('\n')
    await chooseFile(page, 'a-rather-long-file-name-from-the-hr-system-export-2026.csv', csv)
    await expect(page.getByTestId('import-preview')).toBeVisible()
    await pick(page, 'Enroll everyone into courses', 'Cust', 'Customer Service Excellence')
    await expect(previewRows(page).first()).toContainText('Customer Service Excellence')
    const widths = await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })') as { scroll: number; client: number }
    await page.screenshot({ path: info.outputPath(`import-${size.name}.png`), fullPage: true })
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    expect(await seriousViolations(page)).toEqual([])
  })
}
