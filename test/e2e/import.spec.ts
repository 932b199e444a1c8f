// The Import screen in browser mode against the real server: a 200-row file with three
// bad rows shows exactly those errors, the error CSV downloads with formula-safe cells,
// the fixed file imports, the users are listed, and the import is undone. axe checks the
// screen with the check results shown.
import { expect, test, type Page } from '@playwright/test'
import fs from 'node:fs'
import { openApp, seriousViolations, unique } from './helpers'

function usersCsv(tag: string, broken: boolean): string {
  const lines = ['Email,First Name,Last Name,Password']
  for (let i = 1; i <= 200; i++) {
    let email = `${tag}.${i}@example.org`
    let first = i % 3 === 0 ? 'Zoë' : i % 3 === 1 ? 'José' : '王芳'
    let password = ''
    if (broken && i === 20) email = '=HYPERLINK("http://evil")'
    if (broken && i === 80) first = ''
    if (broken && i === 150) password = 'short'
    lines.push(`${email},${first},"Tester, ${i}",${password}`)
  }
  return lines.join('\r\n') + '\r\n'
}

async function chooseFile(page: Page, name: string, text: string) {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
}

test('a file with three bad rows: see them, download them, fix, import, see the users, undo', async ({ page }) => {
  const tag = unique('imp')
  await openApp(page, '#/import')
  await expect(page.getByRole('heading', { level: 1, name: 'Import users' })).toBeVisible()

  await chooseFile(page, 'people.csv', usersCsv(tag, true))
  await expect(page.getByTestId('import-summary')).toHaveText('200 row(s) read: 197 new, 0 to update, 0 skipped, 3 with errors.')
  const errors = page.getByTestId('import-errors')
  await expect(errors.locator('tbody tr')).toHaveCount(3)
  await expect(errors.locator('tbody tr').nth(0)).toContainText('21')
  await expect(errors.locator('tbody tr').nth(0)).toContainText('The email must be a valid email address.')
  await expect(errors.locator('tbody tr').nth(1)).toContainText('The first name field is required.')
  await expect(errors.locator('tbody tr').nth(2)).toContainText('The password must be at least 8 characters')
  await expect(page.getByTestId('import-preview').locator('tbody tr').first()).toContainText('Tester, 1')

  expect(await seriousViolations(page)).toEqual([])

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the errors as CSV' }).click()])
  expect(download.suggestedFilename()).toBe('people-errors.csv')
  const saved = fs.readFileSync(await download.path(), 'utf8')
  expect(saved.replace(/^\ufeff/, '').split('\r\n').filter(Boolean)).toHaveLength(4)
  expect(saved).toContain(`21,Email,"'=HYPERLINK(""http://evil"")"`)
  expect(saved).not.toMatch(/,=HYPERLINK/)

  await chooseFile(page, 'people-fixed.csv', usersCsv(tag, false))
  await expect(page.getByTestId('import-no-errors')).toBeVisible()
  await expect(page.getByTestId('import-summary')).toHaveText('200 row(s) read: 200 new, 0 to update, 0 skipped, 0 with errors.')
  await page.getByRole('button', { name: 'Import 200 user(s)' }).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('200 created, 0 updated, 0 skipped, 0 failed', { timeout: 20_000 })
  await expect(page.getByTestId('import-batches')).toContainText('people-fixed.csv')

  await openApp(page, '#/users')
  await page.getByLabel('Search users').fill(`${tag}.1@`)
  await expect(page.getByRole('table').first()).toContainText(`${tag}.1@example.org`)

  await openApp(page, '#/import')
  const batchRow = page.getByTestId('import-batches').locator('tbody tr', { hasText: 'people-fixed.csv' })
  await batchRow.getByRole('button', { name: /Undo import/ }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click()
  await expect(batchRow).toContainText('Undone')

  await openApp(page, '#/users')
  await page.getByLabel('Search users').fill(`${tag}.1@`)
  await expect(page.getByRole('table').first()).not.toContainText(`${tag}.1@example.org`)
})

test('a file without an email column is refused with a clear message', async ({ page }) => {
  await openApp(page, '#/import')
  await chooseFile(page, 'names.csv', 'name,surname\nAnn,Lee\n')
  await expect(page.getByTestId('import-check-error')).toContainText('The file has no email column')
  expect(await seriousViolations(page)).toEqual([])
})
