// Attendance at the speed a trainer types at the door: 20 learners marked by digit keys,
// 50-80 ms apart, without waiting for the screen; the stored statuses are read back through
// the documented route. Each test makes its own class (test/e2e/worlds.ts), so it can run
// again and again (--repeat-each).
import { expect, test, type Page } from '@playwright/test'
import { openApp } from './helpers'
import { classLearners, classWithLearners } from './worlds'

const STATUS_OF_KEY: Record<string, string> = { '1': 'Attended', '2': 'No Show', '3': 'Cancelled', '4': 'Registered' }

/** 50-80 ms, varied the way a person's rhythm varies. */
const keyGap = (i: number) => 50 + ((i * 37) % 31)

async function openClass(page: Page, classId: number, learners: number): Promise<void> {
  await openApp(page, `#/attendance?class=${classId}`)
  await expect(page.getByTestId('roster-row')).toHaveCount(learners)
}

test('20 learners marked by digit keys 50-80 ms apart: every stored status is the key pressed', async ({ page }) => {
  test.setTimeout(60_000)
  await openApp(page, '#/attendance')
  const classId = await classWithLearners(page, 20)
  await openClass(page, classId, 20)
  // The roster's order is the screen's; the test reads it to know whose status each key sets.
  type Row = { querySelector(selector: string): { innerText: string } | null }
  const names = await page.getByTestId('roster-row').evaluateAll((rows) => (rows as unknown as Row[]).map((row) => row.querySelector('p')!.innerText.trim()))
  expect(names).toHaveLength(20)

  await page.getByLabel('Search learners').focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('roster-row').first().getByRole('button', { name: 'Attended' })).toBeFocused()
  // Mostly Attended, some No Show and Cancelled, one set and then set back with 4 later.
  const keys = Array.from({ length: 20 }, (_, i) => (i % 6 === 4 ? '2' : i % 9 === 7 ? '3' : i === 12 ? '4' : '1'))
  for (const [i, key] of keys.entries()) {
    await page.keyboard.press(key)
    await page.waitForTimeout(keyGap(i))
  }
  // Every row on screen shows its mark at once.
  await expect(page.getByTestId('count-Registered')).toHaveText('Registered 1')

  const want = Object.fromEntries(names.map((name, i) => [name, STATUS_OF_KEY[keys[i]]]))
  await expect.poll(async () => Object.fromEntries((await classLearners(page, classId)).map((l) => [l.name, l.status]))).toEqual(want)
})
