import { catalog } from './catalogs'
import { expect, test, type Page } from '@playwright/test'
import { api, byName, inNameOrder, columnTexts, createUser, openApp, settled, unique, COUNT } from './helpers'

async function openCourse(page: Page, name: string): Promise<void> {
  await openApp(page, '#/courses')
  await page.getByLabel('Search courses').fill(name)
  const table = page.getByRole('table', { name: 'Courses' })
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await table.getByRole('link', { name }).click()
  // The new page's heading takes focus, so keyboard and screen reader users start there.
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused()
  await expect(page).toHaveURL(/#\/courses\/\d+$/)
}

const total = async (page: Page, key: string) => Number(await page.getByTestId(`total-${key}`).innerText())

test.describe('Courses page', () => {
  test('lists courses, sorts by name and filters by status', async ({ page }) => {
    await openApp(page, '#/courses')
    const table = page.getByRole('table', { name: 'Courses' })
    await expect(page.getByText(new RegExp(`^Showing 1–\\d+ of ${COUNT} courses$`))).toBeVisible()
    const header = table.getByRole('columnheader', { name: 'Name' })
    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    const asc = await columnTexts(table, 1)
    expect(asc.length).toBeGreaterThanOrEqual(3)
    expect(inNameOrder(asc), asc.join(' | ')).toBe(true)
    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    const desc = await columnTexts(table, 1)
    expect(inNameOrder(desc, 'desc'), desc.join(' | ')).toBe(true)
    expect(byName(desc[0], asc[0])).toBeGreaterThan(0)

    await page.getByLabel('Status', { exact: true }).selectOption('draft')
    await settled(table)
    const statuses = await columnTexts(table, 3)
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses.map((s) => s.toLowerCase()))).toEqual(new Set(['draft']))
  })

  test('creates a course with the slug made from the name, then edits it with field errors from the engine', async ({ page }) => {
    await openApp(page, '#/courses')
    const id = unique('').toLowerCase()
    const name = `Bread Baking ${id}`
    await page.getByRole('button', { name: 'New course' }).click()
    const dialog = page.getByRole('dialog', { name: 'New course' })
    await dialog.getByLabel('Name').fill(`Bread Baking ${id}`)
    const slug = dialog.getByLabel('Slug')
    await expect(slug).toHaveValue(`bread-baking-${id}`)
    // Once edited, the slug no longer follows the name.
    await slug.fill(`bread-${id}`)
    await dialog.getByLabel('Name').fill(name + ' ')
    await dialog.getByLabel('Name').fill(name)
    await expect(slug).toHaveValue(`bread-${id}`)
    await dialog.getByRole('combobox', { name: 'Status' }).click()
    await page.getByRole('listbox', { name: 'Status' }).getByRole('option', { name: 'Published' }).click()
    await dialog.getByLabel('Credits').fill('3')
    await dialog.getByLabel('Instructions').fill('Bring an apron.')
    await dialog.getByRole('button', { name: 'Create course' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('alert').filter({ hasText: 'Course saved successfully' })).toBeVisible()

    const table = page.getByRole('table', { name: 'Courses' })
    await page.getByLabel('Search courses').fill(name)
    const row = table.locator('tbody tr')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(`bread-${id}`)
    await expect(row).toContainText('Published')

    await table.getByRole('button', { name: `Edit ${name}` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit course' })
    await expect(edit.getByLabel('Name')).toHaveValue(name)
    await expect(edit.getByLabel('Credits')).toHaveValue('3')
    await expect(edit.getByLabel('Instructions')).toHaveValue('Bring an apron.')
    await edit.getByRole('combobox', { name: 'Access duration' }).click()
    await page.getByRole('listbox', { name: 'Access duration' }).getByRole('option', { name: catalog('en')['courseForm.durationRule.x_days_after_enrollment'] }).click()
    await edit.getByLabel('Slug').fill('Not A Slug')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit.getByLabel('Slug')).toHaveAccessibleDescription(/The slug may only contain lowercase letters, numbers and single dashes\./)
    await expect(edit.getByLabel('Slug')).toHaveValue('Not A Slug')
    await edit.getByLabel('Slug').fill(`bread-${id}`)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    const days = edit.getByLabel('Access days')
    await expect(days).toHaveAccessibleDescription(/The duration days field is required/)
    await days.fill('30')
    await edit.getByLabel('Credits').fill('5')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await expect(page.getByRole('alert').filter({ hasText: 'Course updated successfully' })).toBeVisible()

    await table.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(page.getByText('30 days after enrollment')).toBeVisible()
    const courseId = Number(page.url().match(/#\/courses\/(\d+)$/)?.[1])
    const stored = await api<{ credits: number; durationDays: number; instructions: string; status: string }>(page, 'GET', `/api/course/${courseId}`)
    expect(stored).toMatchObject({ credits: 5, durationDays: 30, instructions: 'Bring an apron.', status: 'publish' })
  })

  test('enrolls a user into a course, shows them in the enrolled students, then removes them', async ({ page }) => {
    await openApp(page, '#/courses')
    const user = await createUser(page, 'enroll')
    const fullName = `${user.firstName} ${user.lastName}`
    await openCourse(page, 'First Aid at Work')
    const students = page.getByRole('table', { name: 'Students enrolled in First Aid at Work' })
    await settled(students)
    const enrolledBefore = await total(page, 'enrolled')
    const notStartedBefore = await total(page, 'not-started')

    await page.getByRole('button', { name: 'Enroll students' }).click()
    const dialog = page.getByRole('dialog', { name: 'Enroll students in First Aid at Work' })
    const picker = dialog.getByRole('combobox', { name: 'Students' })
    await picker.click()
    await picker.fill(user.email)
    const options = page.getByRole('listbox', { name: 'Students' }).getByRole('option')
    await options.filter({ hasText: `${fullName} (${user.email})` }).click()
    await expect(dialog.getByText('1 student selected.')).toBeVisible()
    // The list stays open for more picks; leave it with the keyboard.
    await page.keyboard.press('Tab')
    await dialog.getByRole('button', { name: 'Enroll', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('alert').filter({ hasText: '1 student(s) enrolled successfully' })).toBeVisible()

    await expect(page.getByTestId('total-enrolled')).toHaveText(String(enrolledBefore + 1))
    await expect(page.getByTestId('total-not-started')).toHaveText(String(notStartedBefore + 1))
    await page.getByLabel('Search enrolled students').fill(user.email)
    const row = students.locator('tbody tr')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(user.email)
    await expect(row).toContainText('Not Started')

    // An enrolled user is no longer offered.
    await page.getByRole('button', { name: 'Enroll students' }).click()
    await picker.click()
    await picker.fill(user.email)
    await expect(options.filter({ hasText: user.email })).toHaveCount(0)
    await expect(page.getByText('No user matches')).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()

    await students.getByRole('button', { name: `Remove ${fullName}` }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove from course' })
    await expect(confirm).toContainText(user.email)
    await confirm.getByRole('button', { name: 'Remove student' }).click()
    await expect(page.getByRole('alert').filter({ hasText: `${fullName} removed from First Aid at Work` })).toBeVisible()
    await expect(page.getByText('No enrolled students match.')).toBeVisible()
    await expect(page.getByTestId('total-enrolled')).toHaveText(String(enrolledBefore))
  })

  test('the open student list of the enroll dialog leaves the Enroll button uncovered', async ({ page }) => {
    await openCourse(page, 'First Aid at Work')
    await page.getByRole('button', { name: 'Enroll students' }).click()
    const dialog = page.getByRole('dialog', { name: 'Enroll students in First Aid at Work' })
    const picker = dialog.getByRole('combobox', { name: 'Students' })
    await picker.click()
    await picker.pressSequentially('e', { delay: 60 })
    const listbox = page.getByRole('listbox', { name: 'Students' })
    await expect(listbox.getByRole('option')).toHaveCount(8)
    await listbox.getByRole('option').first().click()
    await expect(dialog.getByText('1 student selected.')).toBeVisible()
    // The list is still open for more picks, beside the buttons, not over them.
    await expect(listbox).toBeVisible()
    const list = (await listbox.boundingBox())!
    const enroll = dialog.getByRole('button', { name: 'Enroll', exact: true })
    const button = (await enroll.boundingBox())!
    expect(button.y + button.height <= list.y || button.y >= list.y + list.height).toBe(true)
    await enroll.click({ trial: true })
    for (const width of [390, 820]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1180 })
      await expect(listbox).toBeVisible()
      // Read until the dropdown is placed again after the resize: an overflow that stays fails.
      await expect.poll(() => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth'), { timeout: 3_000 }).toBe(true)
      await enroll.click({ trial: true })
    }
  })
})
