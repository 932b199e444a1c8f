// Pickers over more users than they once held (issue 14, "no silent caps"): the announcement
// recipients picker stopped at the first 1,000 users, so a user past them could not be
// chosen at all. With 1,200 more users (and one who sorts after them all) the picker
// searches on the server as it is typed (60 ms a key), says how many match in all, and
// finds and keeps the last one; the stored announcement names them. The enroll dialog
// counts the same way, and its open list fits a phone even with an email wider than it. Each test makes its own users (test/e2e/worlds.ts), so it can repeat.
import { expect, test } from '@playwright/test'
import { api, openApp, scrollsSideways, settled, unique } from './helpers'
import { manyUsers } from './worlds'

const MANY = 1_200

test('an announcement reaches a user past the 1,000 the recipients picker once held', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page, '#/announcements')
  const { tag, emails } = await manyUsers(page, MANY, { first_name: 'Zed', last_name: 'Zylstra' })
  const lastEmail = emails.at(-1)!
  await settled(page.getByRole('table', { name: 'Announcements' }))

  const heading = unique('Muster ')
  await page.getByRole('button', { name: 'New announcement', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox', { name: 'Heading' }).pressSequentially(heading, { delay: 50 })
  await dialog.getByRole('textbox', { name: 'Content' }).pressSequentially('Meet at the car park.', { delay: 50 })
  await dialog.getByRole('combobox', { name: 'Send to' }).click()
  await page.getByRole('option', { name: 'Specific users', exact: true }).click()

  const users = dialog.getByRole('combobox', { name: 'Users' })
  await users.click()
  await users.pressSequentially(tag.toLowerCase(), { delay: 60 })
  // Every one of them matches; 20 are offered, and the hint says so.
  await expect(dialog.getByText(`1,201 users match; 20 shown. Type to narrow.`)).toBeVisible()
  const options = page.getByRole('listbox', { name: 'Users' }).getByRole('option')
  await expect(options).toHaveCount(20)
  await users.pressSequentially('.last', { delay: 60 })
  const last = options.filter({ hasText: `Zed Zylstra (${lastEmail})` })
  await expect(last).toBeVisible()
  await expect(options).toHaveCount(1)
  await last.click()
  await users.press('Escape')
  await dialog.getByRole('button', { name: 'Create announcement' }).click()
  await expect(dialog).toBeHidden()

  // Stored with that user as its only recipient.
  const search = encodeURIComponent(JSON.stringify({ heading }))
  const listed = await api<{ records: { id: number; heading: string }[] }>(page, 'GET', `/api/announcement/tabularlist?page_size=10&page_number=1&search_param=${search}`)
  const created = listed.records.find((a) => a.heading === heading)
  expect(created).toBeDefined()
  const stored = await api<{ user_ids: number[] }>(page, 'GET', `/api/announcement/${created!.id}`)
  const found = await api<{ records: { id: number }[] }>(page, 'GET', `/api/users/tabularlist?page_size=5&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: lastEmail }))}`)
  expect(stored.user_ids).toEqual([found.records[0].id])

  // Opened again, the picker names the chosen user, fetched by id (not found among the first 1,000).
  await page.getByRole('searchbox', { name: 'Search announcements' }).fill(heading)
  const table = page.getByRole('table', { name: 'Announcements' })
  await expect(table.getByRole('row')).toHaveCount(2)
  await table.getByRole('button', { name: `Edit ${heading}` }).click()
  const edit = page.getByRole('dialog', { name: 'Edit announcement' })
  await expect(edit.getByText(`Zed Zylstra (${lastEmail})`)).toBeVisible()
})

test('the enroll dialog counts every user not in the course, and finds the last of them', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page, '#/courses')
  const { tag, emails } = await manyUsers(page, MANY, { first_name: 'Zed', last_name: 'Zylstra' })
  const longEmail = `${tag}.from-the-hr-system-export-of-the-northern-region-depot@training-subsidiary.example.org`.toLowerCase()
  await api(page, 'POST', '/api/user/bulkUpload', { userList: [{ email: longEmail, first_name: 'Aaron', last_name: 'Abbott' }] })
  const name = `Rope Access ${tag}`
  const course = await api<{ id: number }>(page, 'POST', '/api/course', { name, slug: tag.toLowerCase(), status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' })
  await openApp(page, `#/courses/${course.id}`)
  await page.getByRole('button', { name: 'Enroll students' }).click()
  const dialog = page.getByRole('dialog', { name: `Enroll students in ${name}` })
  const picker = dialog.getByRole('combobox', { name: 'Students' })
  await picker.click()
  await picker.pressSequentially(tag.toLowerCase(), { delay: 60 })
  await expect(dialog.getByText(`1,202 users match; 8 shown. Type to narrow.`)).toBeVisible()
  // The first of them has an email longer than a phone is wide: the open list still fits.
  const listbox = page.getByRole('listbox', { name: 'Students' })
  await expect(listbox.getByRole('option').first()).toContainText(longEmail)
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(listbox).toBeVisible()
  expect(await scrollsSideways(page)).toBe(false)
  await picker.pressSequentially('.last', { delay: 60 })
  await page.getByRole('option', { name: `Zed Zylstra (${emails.at(-1)})` }).click()
  await dialog.getByRole('button', { name: 'Enroll', exact: true }).click()
  await expect(dialog).toBeHidden()
  const enrolled = await api<{ records: { email: string }[] }>(page, 'GET', `/api/course/enrolled-students?course_id=${course.id}&page_size=10`)
  expect(enrolled.records.map((r) => r.email)).toEqual([emails.at(-1)])
})
