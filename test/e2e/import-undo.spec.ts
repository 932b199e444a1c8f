// Undoing imports from the Import screen in browser mode: the result of an import takes
// focus and offers its undo; an earlier import is undone from Recent imports without
// touching the result shown; each undo asks first, and what it removed is checked through
// the API. Choosing another file clears the last result.
import { expect, test, type Page } from '@playwright/test'
import { api, openApp, unique } from './helpers'

async function importUsers(page: Page, tag: string, count: number): Promise<number> {
  const lines = ['Email,First Name,Last Name', ...Array.from({ length: count }, (_, i) => `${tag}.${i}@example.org,Una,Undone ${i}`)]
  await page.getByTestId('import-file-input').setInputFiles({ name: `${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') })
  await expect(page.getByTestId('import-summary')).toHaveText(`${count} rows read: ${count} new, 0 to update, 0 skipped, 0 with errors.`)
  await page.getByRole('button', { name: `Import ${count} users` }).click()
  const counts = page.getByTestId('import-result-counts')
  await expect(counts).toContainText(`${count} created, 0 updated, 0 skipped, 0 failed`)
  // The result takes focus, so a screen reader reads it and Tab goes on from there.
  await expect(page.getByRole('heading', { level: 2, name: 'Import finished' })).toBeFocused()
  return Number(/\(import (\d+)\)/.exec(await counts.innerText())![1])
}

async function usersTagged(page: Page, tag: string): Promise<number> {
  const found = await api<{ recordsFiltered: number }>(page, 'GET', `/api/users/tabularlist?page_size=20&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: tag }))}`)
  return found.recordsFiltered
}

test('an import is undone from its result, an earlier one from Recent imports, each after a confirmation', async ({ page }) => {
  await openApp(page, '#/import')
  const first = unique('undoa').toLowerCase()
  const second = unique('undob').toLowerCase()
  const firstBatch = await importUsers(page, first, 2)
  const secondBatch = await importUsers(page, second, 3)
  expect(await usersTagged(page, first)).toBe(2)
  expect(await usersTagged(page, second)).toBe(3)

  // The earlier import, from the list: the result shown (the later import) keeps its undo button.
  await page.getByTestId('import-batches').getByRole('button', { name: `Undo import ${firstBatch}` }).click()
  const dialog = page.getByRole('dialog', { name: `Undo import ${firstBatch}` })
  await expect(dialog).toContainText('Users this import created are removed')
  await dialog.getByRole('button', { name: 'Undo import' }).click()
  await expect(page.getByText(`Import ${firstBatch} undone`)).toBeVisible()
  await expect(dialog).toBeHidden()
  await expect.poll(() => usersTagged(page, first)).toBe(0)
  const result = page.getByTestId('import-result')
  await expect(result.getByTestId('import-undo-result')).toHaveCount(0)
  await expect(result.getByRole('button', { name: 'Undo this import' })).toBeVisible()

  // The import shown, from its result: the result then says what the undo did.
  await result.getByRole('button', { name: 'Undo this import' }).click()
  const shown = page.getByRole('dialog', { name: `Undo import ${secondBatch}` })
  await page.keyboard.press('Escape')
  await expect(shown).toBeHidden()
  expect(await usersTagged(page, second)).toBe(3)
  await result.getByRole('button', { name: 'Undo this import' }).click()
  await shown.getByRole('button', { name: 'Undo import' }).click()
  await expect(result.getByTestId('import-undo-result')).toContainText('Removed 3 users the import created and restored 0 users it updated.')
  await expect(shown).toBeHidden()
  await expect(result.getByRole('button', { name: 'Undo this import' })).toHaveCount(0)
  expect(await usersTagged(page, second)).toBe(0)

  // Another file: the last result leaves the screen.
  await page.getByTestId('import-file-input').setInputFiles({ name: 'next.csv', mimeType: 'text/csv', buffer: Buffer.from(`Email,First Name,Last Name\r\n${unique('undoc').toLowerCase()}@example.org,Una,Next\r\n`, 'utf8') })
  await expect(page.getByTestId('import-summary')).toHaveText('1 row read: 1 new, 0 to update, 0 skipped, 0 with errors.')
  await expect(result).toHaveCount(0)
})
