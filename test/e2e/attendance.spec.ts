// The Attendance screen in browser mode against the real server on the demo world, whose
// class 1 runs today with 40 learners: mark by keyboard, mark the rest, add walk-ins, keep a
// note, sign off, reload (everything persists), print the sign-in sheet, reopen; and axe.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { createUser, openApp, seriousViolations, unique, uniqueEmail } from './helpers'

/** [name, status] of every roster row, in screen order. */
async function marks(page: Page): Promise<[string, string][]> {
  // Runs in the page; the test tsconfig has no DOM types, so the elements are read structurally.
  type Node = { innerText: string; querySelector(selector: string): Node | null }
  return page.getByTestId('roster-row').evaluateAll((rows) =>
    (rows as unknown as Node[]).map((row): [string, string] => [
      row.querySelector('p')!.innerText.trim(),
      row.querySelector('button[aria-pressed="true"]')?.innerText.trim() ?? '',
    ]),
  )
}

async function counts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const s of ['Attended', 'No Show', 'Cancelled', 'Registered']) {
    const text = await page.getByTestId(`count-${s}`).innerText()
    out[s] = Number(/(\d+)$/.exec(text.trim())![1])
  }
  return out
}

const tally = (rows: [string, string][]) => {
  const out: Record<string, number> = { Attended: 0, 'No Show': 0, Cancelled: 0, Registered: 0 }
  for (const [, s] of rows) out[s] += 1
  return out
}

async function openToday(page: Page): Promise<void> {
  await openApp(page, '#/attendance')
  await expect(page.getByRole('heading', { level: 1, name: 'Attendance' })).toBeVisible()
  // Today's class opens by itself.
  await expect(page.getByRole('heading', { level: 2, name: 'Today' })).toBeVisible()
  await expect(page.getByTestId('class-option').first()).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('roster-row')).not.toHaveCount(0)
}

test.describe.configure({ mode: 'serial' })

test('marks a 40-learner roster by keyboard, marks the rest, adds walk-ins, signs off; all of it survives a reload', async ({ page }) => {
  test.setTimeout(120_000)
  await openToday(page)
  await expect(page.getByTestId('roster-row')).toHaveCount(40)
  expect(await counts(page)).toEqual({ Attended: 0, 'No Show': 0, Cancelled: 0, Registered: 40 })

  // From the search box, Down goes into the roster: the first learner's Attended button.
  await page.getByLabel('Search learners').focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('roster-row').first().getByRole('button', { name: 'Attended' })).toBeFocused()
  const keys = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? '2' : i === 5 ? '3' : '1'))
  for (const key of keys) await page.keyboard.press(key)
  // Back up two learners and unmark that one with 4.
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('4')
  const expected = keys.map((k) => ({ '1': 'Attended', '2': 'No Show', '3': 'Cancelled' })[k]!)
  expected[28] = 'Registered'
  let rows = await marks(page)
  expect(rows.slice(0, 30).map(([, s]) => s)).toEqual(expected)
  expect(rows.slice(30).every(([, s]) => s === 'Registered')).toBe(true)
  await expect.poll(() => counts(page)).toEqual(tally(rows))
  // Arrow keys move across a row too; focus stays visible on the roster.
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('roster-row').nth(29).getByRole('button', { name: 'No Show' })).toBeFocused()

  // Mark all unmarked, after a confirmation.
  const unmarked = tally(rows).Registered
  await page.getByRole('button', { name: 'Mark all unmarked as Attended' }).click()
  const confirm = page.getByRole('dialog', { name: 'Mark all unmarked learners as Attended?' })
  await confirm.getByRole('button', { name: `Mark ${unmarked} as Attended` }).click()
  await expect(confirm).toBeHidden()
  await expect.poll(() => counts(page)).toEqual({ Attended: 40 - 4 - 1, 'No Show': 4, Cancelled: 1, Registered: 0 })

  // Walk-in 1: a user who exists, registered only (walk-ins arrive Attended unless told).
  const existing = await createUser(page, 'walkin')
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a walk-in' })
  await dialog.getByLabel('Registered only').check()
  await dialog.getByLabel('Find a user').fill(existing.email)
  await dialog.getByRole('button', { name: `Add ${existing.firstName} ${existing.lastName} to the class` }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('roster-row')).toHaveCount(41)
  // Walk-in 2: created on the spot.
  const last = `Walkin ${unique('')}`
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  await dialog.getByRole('tab', { name: 'New user' }).click()
  await dialog.getByLabel('First name').fill('Zélie')
  await dialog.getByLabel('Last name').fill(last)
  await dialog.getByLabel('Email').fill(uniqueEmail('walkin'))
  await dialog.getByRole('button', { name: 'Create and enroll' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('roster-row')).toHaveCount(42)
  await expect.poll(() => counts(page)).toMatchObject({ Registered: 1, Attended: 36 })

  // Find the new walk-in by search and mark them; then a note on them with N.
  await page.getByLabel('Search learners').fill(last)
  await expect(page.getByTestId('roster-row')).toHaveCount(1)
  await page.getByLabel('Search learners').press('Enter')
  await page.keyboard.press('1')
  await page.keyboard.press('n')
  const note = page.getByRole('dialog', { name: `Note for Zélie ${last}` })
  await note.getByLabel('Note').fill('Arrived 20 minutes late')
  await note.getByLabel('Note').press('Control+Enter')
  await expect(note).toBeHidden()
  await expect(page.getByTestId('learner-note')).toHaveText('Note: Arrived 20 minutes late')
  await page.getByLabel('Search learners').fill('')
  await expect(page.getByTestId('roster-row')).toHaveCount(42)
  await expect.poll(() => counts(page)).toEqual({ Attended: 36, 'No Show': 4, Cancelled: 1, Registered: 1 })

  // Sign off: the session locks, and a mark is refused with a clear message.
  await page.getByRole('button', { name: 'Sign off session' }).click()
  await page.getByRole('dialog', { name: 'Sign off this session?' }).getByRole('button', { name: 'Sign off' }).click()
  await expect(page.getByTestId('signed-off')).toContainText(/Signed off by Aom Staff on /)
  rows = await marks(page)
  // The buttons say they are disabled (aria-disabled) but keep focus for the keyboard.
  await page.getByTestId('roster-row').first().getByRole('button', { name: 'No Show' }).focus()
  await page.keyboard.press('2')
  await expect(page.getByText('Reopen the session to change attendance.')).toBeVisible()
  expect(await marks(page)).toEqual(rows)

  // Reload: marks, counts, the note and the lock are all still there.
  const before = await counts(page)
  await page.reload()
  await expect(page.getByTestId('roster-row')).toHaveCount(42)
  expect(await marks(page)).toEqual(rows)
  expect(await counts(page)).toEqual(before)
  await expect(page.getByTestId('signed-off')).toBeVisible()
  await expect(page.getByTestId('learner-note')).toHaveText('Note: Arrived 20 minutes late')
  await expect(page.getByTestId('session-history')).toContainText('Signed off by Aom Staff')
})

test('the sign-in sheet PDF downloads and holds every learner; CSV export of the marked roster', async ({ page }) => {
  await openToday(page)
  const names = (await marks(page)).map(([name]) => name)
  expect(names.length).toBeGreaterThanOrEqual(40)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Sign-in sheet (PDF)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^sign-in-sheet-course-1-.*\.pdf$/)
  const text = execFileSync('pdftotext', ['-layout', await download.path(), '-']).toString('utf8')
  for (const name of names) expect(text).toContain(name)

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
  const lines = fs.readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n')
  expect(lines[0]).toBe('Class,Course,Date,Location,Name,Email,Status,Marked at,Note')
  expect(lines).toHaveLength(names.length + 1)
})

test('reopening is recorded, and the screen has no serious or critical axe violations', async ({ page }) => {
  // axe over a 42-row roster takes a while on a busy machine.
  test.setTimeout(90_000)
  await openToday(page)
  expect(await seriousViolations(page)).toEqual([])
  if (await page.getByTestId('signed-off').isVisible()) {
    await page.getByRole('button', { name: 'Reopen session' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reopen the session?' })
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByLabel('Reason (optional)').fill('One more late arrival')
    await dialog.getByRole('button', { name: 'Reopen session' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('signed-off')).toBeHidden()
    await expect(page.getByTestId('session-history')).toContainText(/Reopened by Aom Staff on .*\(One more late arrival\)/)
  }
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  await expect(page.getByRole('dialog', { name: 'Add a walk-in' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
