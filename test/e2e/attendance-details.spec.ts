// The Attendance screen's smaller promises, each on a class of its own (test/e2e/worlds.ts):
// walk-ins arrive Attended (they are in the room), a signed-off roster looks and is locked
// with the reason in sight, and counts and dates read as the locale writes them.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { api, createUser, openApp, seriousViolations } from './helpers'
import { classLearners, classWithLearners } from './worlds'

async function openClass(page: Page, classId: number, learners: number): Promise<void> {
  await openApp(page, `#/attendance?class=${classId}`)
  await expect(page.getByTestId('roster-row')).toHaveCount(learners)
}

/** Computed styles of an element (read in the page; the test has no DOM types). */
const look = (button: Locator) =>
  button.evaluate((el) => {
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { cursor: string; backgroundColor: string; color: string } }).getComputedStyle(el)
    return { cursor: style.cursor, background: style.backgroundColor, color: style.color }
  })

test('a walk-in is added as Attended by default; Registered when chosen; stored so', async ({ page }) => {
  await openApp(page, '#/attendance')
  const classId = await classWithLearners(page, 2)
  const [here, later] = [await createUser(page, 'walkin'), await createUser(page, 'walkin')]
  await openClass(page, classId, 2)

  const dialog = page.getByRole('dialog', { name: 'Add a walk-in' })
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  await expect(dialog.getByLabel('Attended (they are here)')).toBeChecked()
  await dialog.getByLabel('Find a user').pressSequentially(here.email, { delay: 50 })
  await dialog.getByRole('button', { name: `Add ${here.firstName} ${here.lastName} to the class` }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('roster-row')).toHaveCount(3)
  await expect(page.getByTestId('count-Attended')).toHaveText('Attended 1')

  await page.getByRole('button', { name: 'Add walk-in' }).click()
  await dialog.getByLabel('Registered only').check()
  await dialog.getByLabel('Find a user').pressSequentially(later.email, { delay: 50 })
  await dialog.getByRole('button', { name: `Add ${later.firstName} ${later.lastName} to the class` }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('roster-row')).toHaveCount(4)

  // Through the documented route: the statuses as chosen.
  const stored = new Map((await classLearners(page, classId)).map((l) => [l.user_id, l.status]))
  expect([stored.get(here.id), stored.get(later.id)]).toEqual(['Attended', 'Registered'])
})

test('a signed-off roster looks and is locked, says why next to the roster, and keeps every mark', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page, '#/attendance')
  const classId = await classWithLearners(page, 3)
  await openClass(page, classId, 3)
  const first = page.getByTestId('roster-row').first()
  const noShow = first.getByRole('button', { name: 'No Show', exact: true })
  const attended = first.getByRole('button', { name: 'Attended', exact: true })
  await attended.click()
  await expect(attended).toHaveAttribute('aria-pressed', 'true')
  const open = await look(noShow)

  await page.getByRole('button', { name: 'Sign off session' }).click()
  await page.getByRole('dialog', { name: 'Sign off this session?' }).getByRole('button', { name: 'Sign off' }).click()
  await expect(page.getByTestId('signed-off')).toBeVisible()

  // The reason sits with the roster, and the buttons point at it.
  const reason = page.getByTestId('roster-locked-reason')
  await expect(reason).toBeVisible()
  await expect(reason).toContainText(/^🔒 ?Signed off by Aom Staff on .+: marks, notes and walk-ins are locked until the session is reopened\.$/)
  await expect(first.getByRole('group')).toHaveAccessibleDescription(/Signed off by Aom Staff/)
  // Dates through the formatting layer: day, month and time, no seconds.
  await expect(reason).toContainText(/on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M:/)

  // Looks disabled: not-allowed cursor and the disabled colours; the mark keeps its colour.
  for (const button of [noShow, first.getByRole('button', { name: /^Note for / })]) {
    await expect(button).toHaveAttribute('aria-disabled', 'true')
    await expect(button).toHaveAttribute('data-disabled', 'true')
  }
  const locked = await look(noShow)
  expect(locked.cursor).toBe('not-allowed')
  expect(locked.background).not.toBe(open.background)
  expect((await look(attended)).cursor).toBe('not-allowed')
  await expect(attended).toHaveAttribute('aria-pressed', 'true')

  // Is disabled: a click and a key change nothing, stored or shown.
  await expect(noShow).toBeDisabled()
  await noShow.click({ force: true })
  await page.keyboard.press('3')
  await expect(page.getByText('Reopen the session to change attendance.').first()).toBeVisible()
  await expect(attended).toHaveAttribute('aria-pressed', 'true')
  expect((await classLearners(page, classId)).map((l) => l.status)).toEqual(['Attended', 'Registered', 'Registered'])
  await expect(page.getByRole('button', { name: 'Mark all unmarked as Attended' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Add walk-in' })).toBeDisabled()
  expect(await seriousViolations(page)).toEqual([])
})

test('counts say "1 learner" and "3 learners", never "learner(s)"', async ({ page }) => {
  await openApp(page, '#/attendance')
  const single = await classWithLearners(page, 1)
  const three = await classWithLearners(page, 3)
  await openClass(page, single, 1)
  await expect(page.getByTestId('counts').getByText(/^1 learner$/)).toBeVisible()
  await openClass(page, three, 3)
  await expect(page.getByTestId('counts').getByText(/^3 learners$/)).toBeVisible()
  // The confirmation counts the same way.
  await api(page, 'GET', `/api/class/update-class-status?id=${(await classLearners(page, three))[0].id}&status=Attended&classId=${three}`)
  await page.reload()
  await expect(page.getByTestId('count-Registered')).toHaveText('Registered 2')
  await page.getByRole('button', { name: 'Mark all unmarked as Attended' }).click()
  const confirm = page.getByRole('dialog', { name: 'Mark all unmarked learners as Attended?' })
  await expect(confirm).toContainText('2 learners still Registered will be marked Attended.')
  await expect(page.locator('body')).not.toContainText('(s)')
})
