// A learner's certificates in browser mode: change a certificate's issue date (the dialog
// starts from the certificate's own date each time it opens) and remove a certificate, each
// through its dialog, with what is stored checked through the API.
import { expect, test, type Page } from '@playwright/test'
import { api, openApp, settled, unique } from './helpers'

interface HeldCertificate {
  id: number
  courseId: number
  issueDate: string
}

/** A course issuing template 1, one learner enrolled who finished it, and the certificate issued to them. */
async function learnerWithCertificate(page: Page): Promise<{ userId: number; lastName: string; course: string; courseId: number }> {
  const tag = unique('held')
  const course2 = await api<{ modules: { module_id: number }[] }>(page, 'GET', '/api/course/2')
  const moduleId = course2.modules[0].module_id
  const course = `Held Course ${tag}`
  const { id: courseId } = await api<{ id: number }>(page, 'POST', '/api/course', {
    name: course, slug: tag.toLowerCase(), status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited', certificateTemplates: [1], modules: [{ module_id: moduleId }],
  })
  const email = `held.${tag}@example.org`.toLowerCase()
  const lastName = `Holder ${tag}`
  await api(page, 'POST', '/api/user/bulkUpload', { userList: [{ email, first_name: 'Hilda', last_name: lastName }], selectedCourses: [courseId] })
  const found = await api<{ records: { id: number }[] }>(page, 'GET', `/api/users/tabularlist?page_size=20&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: email }))}`)
  expect(found.records).toHaveLength(1)
  const userId = found.records[0].id
  await api(page, 'PUT', `/api/course-progress/update/${courseId}`, { userId, modules: [{ module_id: moduleId, status: 'Completed' }] })
  expect((await api<{ issued: number }>(page, 'POST', '/app/certificates.issueFinished', { courseId })).issued).toBe(1)
  return { userId, lastName, course, courseId }
}

async function held(page: Page, userId: number, courseId: number): Promise<HeldCertificate[]> {
  const page1 = await api<{ records: HeldCertificate[] }>(page, 'GET', `/api/user-certificates/${userId}?page_size=10&page_number=1`)
  return page1.records.filter((c) => c.courseId === courseId)
}

test('a certificate\'s issue date is changed and the certificate removed, each through its dialog', async ({ page }) => {
  await openApp(page, '#/certificates')
  const { userId, lastName, course, courseId } = await learnerWithCertificate(page)
  const [issued] = await held(page, userId, courseId)

  await page.getByRole('tab', { name: 'Learner certificates' }).click()
  const picker = page.getByRole('combobox', { name: 'Learner', exact: true })
  await picker.click()
  await picker.pressSequentially(lastName, { delay: 60 })
  await page.getByRole('option', { name: new RegExp(`Hilda ${lastName}`) }).first().click()
  const table = page.getByRole('table', { name: `Certificates of Hilda ${lastName}` })
  await settled(table)
  const row = table.getByRole('row').filter({ hasText: course })
  await expect(row).toHaveCount(1)

  // The dialog opens on the certificate's date; a new date typed in is stored.
  await row.getByRole('button', { name: `Change the issue date of the certificate for ${course}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Change the issue date' })
  const date = dialog.getByLabel('New issue date')
  await expect(date).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
  const before = await date.inputValue()
  expect(new Date(`${before}T12:00:00`).toDateString()).toBe(new Date(issued.issueDate.replace(' ', 'T')).toDateString())
  await date.focus()
  // Chromium's date field in en-US: month, day, year, each part moving on to the next as it fills.
  await date.pressSequentially('03152024', { delay: 60 })
  await expect(date).toHaveValue('2024-03-15')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('The issue date was changed.')).toBeVisible()
  await expect(dialog).toBeHidden()
  await expect.poll(async () => (await held(page, userId, courseId))[0].issueDate).toMatch(/^2024-03-15|Mar 15, 2024|15-Mar-2024/)

  // Opened again after a cancelled edit, it starts from the stored date, not from what was typed.
  await settled(table)
  await row.getByRole('button', { name: `Change the issue date of the certificate for ${course}` }).click()
  await expect(date).toHaveValue('2024-03-15')
  await date.focus()
  await date.pressSequentially('07042023', { delay: 60 })
  await expect(date).toHaveValue('2023-07-04')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await row.getByRole('button', { name: `Change the issue date of the certificate for ${course}` }).click()
  await expect(date).toHaveValue('2024-03-15')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Removing asks first, then the certificate is gone from the table and from the store.
  await row.getByRole('button', { name: `Remove the certificate for ${course}` }).click()
  const confirm = page.getByRole('dialog', { name: 'Remove certificate' })
  await expect(confirm).toContainText(`Remove the certificate for ${course}`)
  await confirm.getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByText(`The certificate for ${course} was removed.`)).toBeVisible()
  await expect(confirm).toBeHidden()
  await expect(row).toHaveCount(0)
  expect(await held(page, userId, courseId)).toEqual([])
})
