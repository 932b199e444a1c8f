// The Import screen in browser mode against the real server: a 200-row file with three
// bad rows shows exactly those errors; the good rows import; the bad ones download with
// the file's own columns (formula-safe), are fixed as in a spreadsheet and import too; the
// users are listed, and the import is undone. axe checks the screen with the results shown.
// A long import is cancelled from its progress bar, and nothing of the batch being prepared is written.
import { expect, test, type Page } from '@playwright/test'
import fs from 'node:fs'
import Papa from 'papaparse'
import { api, openApp, seriousViolations, unique } from './helpers'

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

test('a file with three bad rows: see them, import the rest, download them with their columns, fix, import, see the users, undo', async ({ page }) => {
  const tag = unique('imp')
  await openApp(page, '#/import')
  await expect(page.getByRole('heading', { level: 1, name: 'Import users' })).toBeVisible()

  // A file name of its own, so Recent imports holds one row by that name however often the test runs.
  const file = `people-${tag}`
  await chooseFile(page, `${file}.csv`, usersCsv(tag, true))
  await expect(page.getByTestId('import-summary')).toHaveText('200 rows read: 197 new, 0 to update, 0 skipped, 3 with errors.')
  const errors = page.getByTestId('import-errors')
  await expect(errors.locator('tbody tr')).toHaveCount(3)
  await expect(errors.locator('tbody tr').nth(0)).toContainText('21')
  await expect(errors.locator('tbody tr').nth(0)).toContainText('The email must be a valid email address.')
  await expect(errors.locator('tbody tr').nth(1)).toContainText('The first name field is required.')
  await expect(errors.locator('tbody tr').nth(2)).toContainText('The password must be at least 8 characters')
  await expect(page.getByTestId('import-preview').locator('tbody tr').first()).toContainText('Tester, 1')

  expect(await seriousViolations(page)).toEqual([])

  // The rows with problems, with every column of the file, before the rest is imported.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the rows with problems as CSV' }).click()])
  expect(download.suggestedFilename()).toBe(`${file}-errors.csv`)
  const saved = fs.readFileSync(await download.path(), 'utf8')
  const lines = saved.replace(/^\ufeff/, '').split('\r\n').filter(Boolean)
  expect(lines).toHaveLength(4)
  expect(lines[0]).toBe('Import problems,Email,First Name,Last Name,Password')
  expect(lines[1]).toBe(`"Row 21, Email: The email must be a valid email address.","'=HYPERLINK(""http://evil"")",王芳,"Tester, 20",`)
  expect(lines[2]).toBe(`"Row 81, First Name: The first name field is required.",${tag}.80@example.org,,"Tester, 80",`)
  expect(saved).not.toMatch(/,=HYPERLINK/)

  await page.getByRole('button', { name: 'Import 197 users' }).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('197 created, 0 updated, 0 skipped, 3 failed', { timeout: 20_000 })

  // Fixed in the spreadsheet (the three cells), saved, and imported: only those three rows.
  const fixed = Papa.parse<string[]>(saved.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data
  fixed[1][1] = `${tag}.20@example.org`
  fixed[2][2] = 'Zoë'
  fixed[3][4] = 'long enough 150'
  await chooseFile(page, `${file}-errors.csv`, Papa.unparse(fixed, { newline: '\r\n' }))
  await expect(page.getByTestId('import-no-errors')).toBeVisible()
  await expect(page.getByTestId('import-summary')).toHaveText('3 rows read: 3 new, 0 to update, 0 skipped, 0 with errors.')
  await page.getByRole('button', { name: 'Import 3 users' }).click()
  await expect(page.getByTestId('import-result-counts')).toContainText('3 created, 0 updated, 0 skipped, 0 failed', { timeout: 20_000 })
  await expect(page.getByTestId('import-batches')).toContainText(`${file}-errors.csv`)
  const fixedBatch = Number(/\(import (\d+)\)/.exec(await page.getByTestId('import-result-counts').innerText())?.[1])
  const all = await api<{ recordsFiltered: number }>(page, 'GET', `/api/users/tabularlist?page_size=1&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: `${tag}.` }))}`)
  expect(all.recordsFiltered).toBe(200)

  await openApp(page, '#/users')
  await page.getByLabel('Search users').fill(`${tag}.1@`)
  await expect(page.getByRole('table').first()).toContainText(`${tag}.1@example.org`)

  await openApp(page, '#/import')
  const batchRow = page.getByTestId('import-batches').locator('tbody tr').filter({ has: page.getByRole('cell', { name: `${file}.csv`, exact: true }) })
  await batchRow.getByRole('button', { name: /Undo import/ }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click()
  await expect(batchRow).toContainText('Undone')

  await openApp(page, '#/users')
  await page.getByLabel('Search users').fill(`${tag}.1@`)
  await expect(page.getByRole('table').first()).not.toContainText(`${tag}.1@example.org`)
  // The three fixed rows go too, so no user of this test lingers for the others.
  expect((await api<{ removed: number }>(page, 'POST', '/app/import.undo', { batchId: fixedBatch })).removed).toBe(3)
})

test('a file without an email column is refused with a clear message', async ({ page }) => {
  await openApp(page, '#/import')
  await chooseFile(page, 'names.csv', 'name,surname\nAnn,Lee\n')
  await expect(page.getByTestId('import-check-error')).toContainText('The file has no email column')
  expect(await seriousViolations(page)).toEqual([])
})

test('an import is cancelled from its progress bar: it says so, nothing of the batch being hashed is written, and the file chosen again is all new', async ({ page }) => {
  // Passwords are hashed (scrypt) before a batch is written: 300 of them take seconds, so the
  // Cancel press lands while the first batch is still being prepared, at a person's pace.
  const tag = unique('cancel').toLowerCase()
  const rows = Array.from({ length: 300 }, (_, i) => `${tag}.${i}@example.org,Carla,Cancel ${i},long enough ${i}`)
  await openApp(page, '#/import')
  await chooseFile(page, 'cancel.csv', ['Email,First Name,Last Name,Password', ...rows].join('\r\n') + '\r\n')
  await expect(page.getByTestId('import-summary')).toHaveText('300 rows read: 300 new, 0 to update, 0 skipped, 0 with errors.')
  await page.getByRole('button', { name: 'Import 300 users' }).click()

  const run = page.getByRole('region', { name: 'Importing…' })
  await expect(page.getByTestId('import-progress')).toBeVisible()
  await expect(run.getByRole('status')).toHaveText('Writing users: 0 of 300')
  await page.waitForTimeout(70)
  await run.getByRole('button', { name: 'Cancel import' }).click()

  await expect(page.getByRole('heading', { level: 2, name: 'Import cancelled' })).toBeFocused({ timeout: 30_000 })
  await expect(page.getByTestId('import-result-counts')).toContainText('0 created, 0 updated, 0 skipped, 0 failed')
  await expect(page.getByTestId('import-result')).toContainText('The rows written before you cancelled stay; undo removes them.')
  await expect(page.getByTestId('import-progress')).toBeHidden()
  const stored = await api<{ recordsFiltered: number }>(page, 'GET', `/api/users/tabularlist?page_size=1&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: tag }))}`)
  expect(stored.recordsFiltered).toBe(0)
  // Choosing the same file again finds every row still new, ready to import.
  await chooseFile(page, 'cancel.csv', ['Email,First Name,Last Name,Password', ...rows].join('\r\n') + '\r\n')
  await expect(page.getByTestId('import-summary')).toHaveText('300 rows read: 300 new, 0 to update, 0 skipped, 0 with errors.')
  await expect(page.getByRole('button', { name: 'Import 300 users' })).toBeEnabled()
})
