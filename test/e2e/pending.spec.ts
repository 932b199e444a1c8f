// Issue 14, finding 6: the Pending page lists every unsent change (what, which record as
// people know it, since when, its state), paged by the engine; newest first, an import is on
// the first page however many changes wait before it (thousands, in the shared world of a
// full run); undoing an import that was never sent takes its changes away again, and the
// header's count returns to where it was.
// The import and its undo go through the app's own operations (POST /app/import.commit and
// import.undo, as tools call them): this test is about what sync has queued, not the Import screen.
import { expect, test, type Page } from '@playwright/test'
import { api, createUser, openApp, scrollsSideways, seriousViolations, settled, unique } from './helpers'

const headerCount = async (page: Page) => Number((await page.getByTestId('pending-changes').innerText()).replace(/[^\d]/g, ''))

/** Newest first: what was just done is on the first page, however many changes wait before it. */
async function newestFirst(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Order' }).selectOption('newest')
  await settled(page.getByRole('table', { name: 'Pending changes' }))
}

const counted = (n: number) => new Intl.NumberFormat('en-US').format(n)

test('the Pending page lists an import and its enrollments by name; undoing the import leaves nothing of it pending', async ({ page }) => {
  await openApp(page, '#/users')
  await page.getByTestId('pending-changes').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Pending changes' })).toBeVisible()
  await expect(page).toHaveURL(/#\/pending$/)
  const table = page.getByRole('table', { name: 'Pending changes' })
  await settled(table)
  const before = await headerCount(page)

  const tag = unique('pend')
  const users = Array.from({ length: 12 }, (_, i) => ({ email: `${tag}.${i}@example.org`, first: `Pia${i}`, last: `Lund${tag}` }))
  const csv = ['email,first_name,last_name', ...users.map((u) => `${u.email},${u.first},${u.last}`)].join('\n')
  const course = await api<{ name: string }>(page, 'GET', '/api/course/1')
  const result = await api<{ batchId: number; created: number }>(page, 'POST', '/app/import.commit', {
    contentBase64: Buffer.from(csv).toString('base64'),
    fileName: `${tag}.csv`,
    selectedCourses: [1],
  })
  expect(result.created).toBe(12)
  // One bulk upload for the 12 users, and one enrollment each.
  await expect.poll(() => headerCount(page)).toBe(before + 13)

  await newestFirst(page)
  await expect(page.getByTestId('page-indicator')).toContainText(/^Page 1 /)
  const importRow = table.getByRole('row').filter({ hasText: `Import from ${tag}.csv` })
  await expect(importRow).toHaveCount(1)
  await expect(importRow).toContainText('Create users (import)')
  await expect(importRow).toContainText('12 users')
  await expect(importRow).toContainText('Waiting')
  const enrollRows = table.getByRole('row').filter({ hasText: `Lund${tag}` }).filter({ hasText: 'Enroll in a course' })
  await expect(enrollRows).toHaveCount(12)
  // Newest first: the last enrollment on top, the first just above the upload that made the users.
  await expect(enrollRows.first()).toContainText(`Pia11 Lund${tag} (${users[11].email}) in ${course.name}`)
  await expect(enrollRows.last()).toContainText(`Pia0 Lund${tag} (${users[0].email}) in ${course.name}`)
  await expect(page.getByTestId('pending-filter')).toContainText(`All (${counted(before + 13)})`)
  expect(await seriousViolations(page)).toEqual([])

  // Only the waiting ones, and the count per state says how many.
  await page.getByTestId('pending-filter').getByText(/^Waiting/).click()
  await settled(table)
  await expect(page.getByRole('combobox', { name: 'Order' })).toHaveValue('newest')
  await expect(importRow).toHaveCount(1)

  await api(page, 'POST', '/app/import.undo', { batchId: result.batchId })
  await expect.poll(() => headerCount(page)).toBe(before)
  await settled(table)
  await expect(table.getByRole('row').filter({ hasText: tag })).toHaveCount(0)
  await page.getByTestId('pending-filter').getByText(/^All/).click()
  await expect(page.getByTestId('pending-filter')).toContainText(`All (${counted(before)})`)
})

test('the Pending page and the header fit a phone and a tablet without sideways scrolling', async ({ page }) => {
  await openApp(page, '#/pending')
  await createUser(page, 'pending-phone')
  for (const size of [
    { width: 390, height: 844 },
    { width: 820, height: 1180 },
  ]) {
    await page.setViewportSize(size)
    await openApp(page, '#/pending')
    await settled(page.getByRole('table', { name: 'Pending changes' }))
    await expect(page.getByTestId('connection-state')).toBeInViewport({ ratio: 1 })
    await expect(page.getByTestId('pending-changes')).toBeInViewport({ ratio: 1 })
    // A row's state is on screen too, not off to the right of a table.
    await expect(page.getByRole('table', { name: 'Pending changes' }).getByText('Waiting', { exact: true }).first()).toBeInViewport({ ratio: 1 })
    expect(await scrollsSideways(page), `${size.width} px`).toBe(false)
  }
})
