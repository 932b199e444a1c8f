import { expect, test } from '@playwright/test'
import { createUser, openApp, settled, COUNT, countIn } from './helpers'

test.describe('App shell', () => {
  test('status area shows the demo world, the connection state and the unsynced count, which follows writes', async ({ page }) => {
    await openApp(page, '#/users')
    const status = page.getByTestId('status-area')
    await expect(status.getByText('Demo world')).toBeVisible()
    await expect(page.getByTestId('connection-state')).toHaveText('Hosted LMS not configured')
    const pending = page.getByTestId('pending-changes')
    await expect(pending).toHaveText(new RegExp(`^${COUNT} unsynced\\s+changes?$`))
    const before = countIn(await pending.innerText())

    // A write made elsewhere (here: straight to the API) reaches the header through the event stream.
    await createUser(page, 'status')
    await expect.poll(async () => countIn(await pending.innerText())).toBeGreaterThan(before)
  })

  test('navigation reaches every page and a reload keeps the page', async ({ page }) => {
    await openApp(page, '#/users')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Grading' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Grading' })).toBeFocused()
    await expect(page.getByRole('listbox', { name: 'Submissions' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Grading' })).toHaveAttribute('aria-current', 'page')
    await nav.getByRole('link', { name: /^Attendance/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Attendance' })).toBeFocused()
    await expect(page.getByRole('navigation', { name: 'Classes' })).toBeVisible()
    await expect(nav.getByRole('link', { name: /^Attendance/ })).toHaveAttribute('aria-current', 'page')
    await nav.getByRole('link', { name: /^Certificates/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeFocused()
    await expect(page.getByRole('tablist', { name: 'Certificate sections' })).toBeVisible()
    await expect(nav.getByRole('link', { name: /^Certificates/ })).toHaveAttribute('aria-current', 'page')
    await nav.getByRole('link', { name: /^Import/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeFocused()
    await expect(nav.getByRole('link', { name: /^Import/ })).toHaveAttribute('aria-current', 'page')
    await nav.getByRole('link', { name: 'Sync' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeFocused()
    await expect(nav.getByRole('link', { name: 'Sync' })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('count-pending')).toHaveText(new RegExp(`^${COUNT}$`))

    await nav.getByRole('link', { name: 'Courses' }).click()
    await expect(page).toHaveURL(/#\/courses$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
    await page.goBack()
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
  })

  // The address changes at once, its hashchange comes a task later. A list that writes its
  // own state into the address in between (here a sort clicked in the same task; in use, a
  // search pausing or a page's data arriving) must not pull the app back to its page: that
  // left the audit log unopened in a CI run.
  test('a list writing its address as the app moves to another page does not pull it back', async ({ page }) => {
    await openApp(page, '#/users')
    const table = page.getByRole('table', { name: 'Users' })
    await settled(table)
    await page.evaluate(() => {
      const win = globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null }; location: { hash: string } }
      win.location.hash = '#/audit'
      const sort = win.document.querySelector('table[aria-label="Users"] th button')
      if (!sort) throw new Error('no sortable header')
      sort.click()
    })
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible()
    await expect(page).toHaveURL(/#\/audit(\?|$)/)
  })
})
