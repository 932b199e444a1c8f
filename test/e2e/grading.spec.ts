// The grading screen in browser mode, on the demo world. Each test works in its own
// course/module of the demo (so order does not matter):
//   keyboard grading: course 2 "Risk assessment task"; counts: course 5 "assignment 1";
//   draft: course 5 "Breach report exercise"; 422: course 1 "Essay on LMS";
//   undo and leaving a draft: course 3 "Scenario write-up" (first and last learner);
//   file preview: course 1 "assign" (read only).
import { expect, test, type Locator, type Page } from '@playwright/test'
import { catalog } from './catalogs'
import { SHORTCUTS } from '../../src/renderer/src/pages/grading/shortcutTable'
import { api, openApp, countIn } from './helpers'
import { gradingCourse, queueRows } from './worlds'

interface QueueRecord {
  registration_id: number
  first_name: string
  last_name: string
  grading_status: string
  points_awarded: number | null
  unsynced: boolean
}

const queue = (page: Page) => page.getByRole('listbox', { name: 'Submissions' })
const panel = (page: Page) => page.getByTestId('grading-panel')
const panelHeading = (page: Page) => panel(page).getByRole('heading', { level: 2 })
const option = (page: Page, name: string) => queue(page).getByRole('option', { name: new RegExp(name) })
const announcer = (page: Page) => page.getByTestId('grading-announcer')

/** Opens the grading screen on a filtered queue and waits for its first page. */
async function openGrading(page: Page, query: string): Promise<void> {
  await openApp(page, `#/grading?${query}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Grading' })).toBeVisible()
  await expect(queue(page)).toHaveAttribute('aria-busy', 'false')
}

/** The number on a status switch segment ("Ungraded 8"). */
async function statusCount(page: Page, status: 'ungraded' | 'graded' | 'rejected' | 'all'): Promise<number> {
  const segment = page.getByTestId(`status-count-${status}`)
  await expect(segment).toHaveText(/\d+/)
  return countIn(await segment.innerText())
}

async function pendingChanges(page: Page): Promise<number> {
  const badge = page.getByTestId('pending-changes')
  await expect(badge).toHaveText(/^\d+/)
  return countIn(await badge.innerText())
}

/** Learner names of the queue's rendered options, in order. */
async function learnerNames(list: Locator): Promise<string[]> {
  return (await list.getByTestId('learner-name').allInnerTexts()).map((t) => t.trim())
}

async function firstLearner(page: Page): Promise<string> {
  return (await queue(page).getByRole('option').first().getByTestId('learner-name').innerText()).trim()
}

async function queueRecord(page: Page, filters: Record<string, unknown>): Promise<QueueRecord> {
  const search = encodeURIComponent(JSON.stringify(filters))
  const { records } = await api<{ records: QueueRecord[] }>(page, 'GET', `/api/course/all-submissions?page_size=5&search_param=${search}`)
  expect(records).toHaveLength(1)
  return records[0]
}

test.describe('Grading screen', () => {
  test('grades three submissions with the keyboard alone; after a reload the grades and the gradebook percentage show', async ({ page }) => {
    await openGrading(page, 'course=2&module=16')
    const before = await statusCount(page, 'ungraded')
    expect(before).toBeGreaterThanOrEqual(4)

    // From here on, keys only: focus the queue, open the first submission, go to the points.
    await page.keyboard.press('q')
    await expect(queue(page)).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(panelHeading(page)).toBeVisible()
    await expect(queue(page).getByRole('option', { selected: true })).toHaveCount(1)
    await page.keyboard.press('Enter')
    const points = panel(page).getByLabel('Points')
    const message = panel(page).getByLabel('Message to the learner')
    await expect(points).toBeFocused()

    const graded: { name: string; score: number }[] = []
    for (const [i, score] of [30, 34, 38].entries()) {
      const name = await panelHeading(page).innerText()
      await expect(panel(page).getByTestId('gradebook-percentage')).toBeVisible()
      await page.keyboard.type(String(score))
      await page.keyboard.press('Enter')
      await expect(message).toBeFocused()
      // Letters that are shortcuts elsewhere (j, k, n, p) only type while in a field.
      await page.keyboard.type(`Good job, ${name}: keep the notes and the plan.`)
      await expect(panelHeading(page)).toHaveText(name)
      await expect(message).toHaveValue(`Good job, ${name}: keep the notes and the plan.`)
      await page.keyboard.press('ControlOrMeta+Enter')
      await expect(announcer(page)).toContainText(`Saved: ${name}, accepted with ${score} of 40 points. Not synced yet.`)
      graded.push({ name, score })
      if (i < 2) {
        // Saved and moved on: the next learner is open with the points focused and empty.
        await expect(panelHeading(page)).not.toHaveText(name)
        await expect(points).toBeFocused()
        await expect(points).toHaveValue('')
      }
    }
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(before - 3)

    await page.reload()
    await expect(queue(page)).toHaveAttribute('aria-busy', 'false')
    await expect(page.getByTestId('queue-count')).toHaveText(`${before - 3} ungraded submissions`)
    for (const { name } of graded) await expect(option(page, name)).toHaveCount(0)

    await page.getByTestId('status-count-graded').click()
    await expect(queue(page)).toHaveAttribute('aria-busy', 'false')
    for (const { name, score } of graded) {
      const row = option(page, name)
      await expect(row.getByTestId('grade-badge')).toHaveText(`Graded ${score}/40`)
      await expect(row.getByTestId('sync-state')).toHaveText('Not synced')
    }

    // The learner's course grade in the panel is the engine's, read back through the API.
    const { name, score } = graded[0]
    await option(page, name).click()
    await expect(panelHeading(page)).toHaveText(name)
    const record = await queueRecord(page, { courseId: 2, moduleId: 16, nameOrEmail: name })
    expect(record).toMatchObject({ grading_status: 'graded', points_awarded: score, unsynced: true })
    const gradebook = await api<{ percentage: number | null; obtainedMarks: number; totalMarks: number }>(page, 'GET', `/api/progress/course/${record.registration_id}`)
    expect(gradebook.percentage).not.toBeNull()
    expect(gradebook.obtainedMarks).toBeGreaterThanOrEqual(score)
    await expect(panel(page).getByTestId('gradebook-percentage')).toHaveText(`${gradebook.percentage}%`)
    await expect(panel(page).getByTestId('evaluation-history')).toContainText(`${score} / 40 points`)
  })

  test('the ungraded count shrinks as grades are saved; saved rows say they are not synced', async ({ page }) => {
    await openGrading(page, 'course=5&module=2')
    const ungraded = await statusCount(page, 'ungraded')
    const rejected = await statusCount(page, 'rejected')
    expect(ungraded).toBeGreaterThanOrEqual(2)
    await expect(page.getByTestId('queue-count')).toHaveText(`${ungraded} ungraded submissions`)
    const pending = await pendingChanges(page)

    const first = await firstLearner(page)
    await option(page, first).click()
    await expect(panelHeading(page)).toHaveText(first)
    await panel(page).getByLabel('Points').fill('80')
    await panel(page).getByRole('button', { name: 'Accept' }).click()
    await expect(announcer(page)).toContainText(`Saved: ${first}, accepted with 80 of 100 points.`)
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(ungraded - 1)
    await expect(page.getByTestId('queue-count')).toHaveText(`${ungraded - 1} ungraded submissions`)
    await expect(option(page, first)).toHaveCount(0)
    // The panel keeps the saved submission: graded, with its history, not synced yet.
    await expect(panel(page).getByTestId('grade-badge')).toHaveText('Graded 80/100')
    await expect(panel(page).getByTestId('sync-state')).toHaveText('Not synced')
    await expect(panel(page).getByTestId('evaluation-history')).toContainText('Accepted')
    // The header's unsynced counter follows through the change events.
    await expect.poll(() => pendingChanges(page)).toBeGreaterThan(pending)

    // J continues from where the graded row was; reject that one.
    await page.keyboard.press('Escape')
    await page.keyboard.press('j')
    await expect(panelHeading(page)).not.toHaveText(first)
    const second = await panelHeading(page).innerText()
    await panel(page).getByLabel('Points').fill('10')
    await panel(page).getByLabel('Message to the learner').fill('Please try again with the full report.')
    await page.keyboard.press('ControlOrMeta+Shift+Enter')
    await expect(announcer(page)).toContainText(`Saved: ${second}, rejected with 10 of 100 points.`)
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(ungraded - 2)
    await expect.poll(() => statusCount(page, 'rejected')).toBe(rejected + 1)

    await page.getByTestId('status-count-graded').click()
    await expect(option(page, first).getByTestId('grade-badge')).toHaveText('Graded 80/100')
    await expect(option(page, first).getByTestId('sync-state')).toHaveText('Not synced')
    await page.getByTestId('status-count-rejected').click()
    await expect(option(page, second).getByTestId('grade-badge')).toHaveText('Rejected 10/100')
    await expect(option(page, second).getByTestId('sync-state')).toHaveText('Not synced')
  })

  test('a half-typed draft survives a reload', async ({ page }) => {
    await openGrading(page, 'course=5&module=26')
    const name = await firstLearner(page)
    await option(page, name).click()
    await expect(panelHeading(page)).toHaveText(name)
    await panel(page).getByLabel('Points').fill('12')
    await panel(page).getByLabel('Message to the learner').fill('Half way through: the report misses the')
    await expect(panel(page).getByTestId('draft-state')).toHaveText('Draft saved on this computer')

    // The page asks before the tab is reloaded with unsaved typing; the draft is stored anyway.
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type())
      void dialog.accept()
    })
    await page.reload()
    expect(dialogs).toEqual(['beforeunload'])
    await expect(queue(page)).toHaveAttribute('aria-busy', 'false')
    await option(page, name).click()
    await expect(panel(page).getByTestId('draft-restored')).toContainText('Draft restored')
    await expect(panel(page).getByLabel('Points')).toHaveValue('12')
    await expect(panel(page).getByLabel('Message to the learner')).toHaveValue('Half way through: the report misses the')
    await expect(announcer(page)).toHaveText('')

    // Discarding clears it for good.
    await panel(page).getByRole('button', { name: 'Discard draft' }).click()
    await expect(panel(page).getByLabel('Points')).toHaveValue('')
    await expect(panel(page).getByTestId('draft-restored')).toHaveCount(0)
    await page.reload()
    await option(page, name).click()
    await expect(panelHeading(page)).toHaveText(name)
    await expect(panel(page).getByTestId('gradebook-percentage')).toBeVisible()
    await expect(panel(page).getByLabel('Points')).toHaveValue('')
    await expect(panel(page).getByTestId('draft-restored')).toHaveCount(0)
  })

  test('a reload while a draft is typed reopens that submission with its draft, without a click', async ({ page }) => {
    await openApp(page, '#/grading')
    const courseId = await gradingCourse(page, [40], 2)
    const [, second] = await queueRows(page, courseId, 'ungraded')
    const name = `${second.first_name} ${second.last_name}`
    await openGrading(page, `course=${courseId}`)
    await option(page, name).click()
    await expect(panelHeading(page)).toHaveText(name)
    await expect(panel(page).getByTestId('gradebook-percentage')).toBeVisible()
    await panel(page).getByLabel('Points').pressSequentially('33', { delay: 60 })
    await panel(page).getByLabel('Message to the learner').pressSequentially('Nearly there', { delay: 60 })
    await expect(panel(page).getByTestId('draft-state')).toHaveText('Draft saved on this computer')
    // The engine holds the draft (read through the app operation).
    const draft = await api<{ points: string; message: string } | null>(page, 'POST', '/app/grading.draftGet', { statusRowId: second.status_row_id })
    expect(draft).toMatchObject({ points: '33', message: 'Nearly there' })

    page.on('dialog', (dialog) => void dialog.accept())
    await page.reload()
    await expect(panelHeading(page)).toHaveText(name)
    await expect(panel(page).getByTestId('draft-restored')).toContainText('Draft restored')
    await expect(panel(page).getByLabel('Points')).toHaveValue('33')
    await expect(panel(page).getByLabel('Message to the learner')).toHaveValue('Nearly there')
    await expect(queue(page).getByRole('option', { selected: true })).toContainText(name)

    // Leave nothing behind for the tests that walk the whole queue.
    await panel(page).getByRole('button', { name: 'Discard draft' }).click()
    await expect(panel(page).getByTestId('draft-restored')).toHaveCount(0)
    await expect.poll(() => api(page, 'POST', '/app/grading.draftGet', { statusRowId: second.status_row_id })).toBeNull()
  })

  test('out-of-range points show the field error and keep what was typed', async ({ page }) => {
    await openGrading(page, 'course=1&module=10')
    const name = await firstLearner(page)
    await option(page, name).click()
    const points = panel(page).getByLabel('Points')
    const message = panel(page).getByLabel('Message to the learner')
    await expect(panel(page).getByText('Between 0 and 25')).toBeVisible()
    await points.fill('30')
    await message.fill('A thoughtful essay; the conclusion needs sources.')
    await panel(page).getByRole('button', { name: 'Accept' }).click()

    await expect(points).toHaveAttribute('aria-invalid', 'true')
    await expect(points).toHaveAccessibleDescription(/The points awarded must be between 0 and 25\./)
    await expect(points).toBeFocused()
    await expect(points).toHaveValue('30')
    await expect(message).toHaveValue('A thoughtful essay; the conclusion needs sources.')
    await expect(panel(page).getByTestId('grade-badge')).toHaveText('Ungraded')

    // Fixing the points clears the error, and the save goes through with the kept message.
    await points.fill('22')
    await expect(points).not.toHaveAttribute('aria-invalid', 'true')
    await panel(page).getByRole('button', { name: 'Reject' }).click()
    await expect(announcer(page)).toContainText(`Saved: ${name}, rejected with 22 of 25 points.`)
    await expect(panel(page).getByTestId('evaluation-history')).toContainText('A thoughtful essay; the conclusion needs sources.')
  })

  test('undo takes back the last grade of the session, from the button or Ctrl+Z', async ({ page }) => {
    await openGrading(page, 'course=3&module=21')
    const name = await firstLearner(page)
    const ungraded = await statusCount(page, 'ungraded')
    await expect(page.getByTestId('undo-button')).toBeDisabled()
    await option(page, name).click()
    await panel(page).getByLabel('Points').fill('25')
    await panel(page).getByRole('button', { name: 'Accept' }).click()
    await expect(announcer(page)).toContainText(`Saved: ${name}`)
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(ungraded - 1)
    await expect(page.getByTestId('undo-button')).toHaveText(`Undo grade for ${name}`)

    // Ctrl+Z outside a text field (focus is on the Accept button).
    await page.keyboard.press('ControlOrMeta+z')
    await expect(announcer(page)).toContainText(`Undone: the grade for ${name}`)
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(ungraded)
    await expect(option(page, name).getByTestId('grade-badge')).toHaveText('Ungraded')
    await expect(panel(page).getByTestId('grade-badge')).toHaveText('Ungraded')
    await expect(panel(page).getByTestId('evaluation-history')).toContainText('Undone')
    await expect(page.getByTestId('undo-button')).toBeDisabled()

    // Again with the button.
    await panel(page).getByLabel('Points').fill('20')
    await panel(page).getByRole('button', { name: 'Reject' }).click()
    await expect(announcer(page)).toContainText(`Saved: ${name}, rejected`)
    await page.getByTestId('undo-button').click()
    await expect(announcer(page)).toContainText(`Undone: the grade for ${name}`)
    await expect.poll(() => statusCount(page, 'ungraded')).toBe(ungraded)
    const record = await queueRecord(page, { courseId: 3, moduleId: 21, nameOrEmail: name })
    expect(record).toMatchObject({ grading_status: 'ungraded', points_awarded: null })
  })

  test('leaving a submission or the page with unsaved typing asks first', async ({ page }) => {
    await openGrading(page, 'course=3&module=21')
    const names = await learnerNames(queue(page))
    expect(names.length).toBeGreaterThanOrEqual(2)
    const name = names[names.length - 1]
    await option(page, name).click()
    await panel(page).getByLabel('Points').fill('7')
    await expect(panel(page).getByTestId('draft-state')).toHaveText('Draft saved on this computer')

    // To another page of the app: Cancel stays, with the typing kept.
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Users' }).click()
    const ask = page.getByRole('dialog', { name: 'Unsaved grade' })
    await expect(ask).toBeVisible()
    await ask.getByRole('button', { name: 'Cancel' }).click()
    await expect(ask).toBeHidden()
    await expect(page).toHaveURL(/#\/grading\?course=3&module=21&open=\d+$/)
    await expect(panel(page).getByLabel('Points')).toHaveValue('7')

    // To another submission: Keep draft moves on and the draft comes back later.
    await page.keyboard.press('Escape')
    await page.keyboard.press('k')
    await expect(ask).toBeVisible()
    await ask.getByRole('button', { name: 'Keep draft' }).click()
    await expect(panelHeading(page)).not.toHaveText(name)
    await option(page, name).click()
    await expect(panel(page).getByTestId('draft-restored')).toBeVisible()
    await expect(panel(page).getByLabel('Points')).toHaveValue('7')

    // Discard draft lets the navigation happen and forgets the typing.
    await nav.getByRole('link', { name: 'Users' }).click()
    await ask.getByRole('button', { name: 'Discard draft' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
    await page.goBack()
    await expect(queue(page)).toHaveAttribute('aria-busy', 'false')
    await option(page, name).click()
    await expect(panel(page).getByTestId('gradebook-percentage')).toBeVisible()
    await expect(panel(page).getByLabel('Points')).toHaveValue('')
  })

  test('a file submission is previewed inline', async ({ page }) => {
    await openGrading(page, 'course=1&module=4&status=all')
    await option(page, 'Demo Student').click()
    const file = panel(page).getByTestId('file-submission').first()
    await expect(file).toBeVisible()
    const name = (await file.getByTestId('file-name').innerText()).trim()
    expect(name).toMatch(/\.(pdf|png|txt)$/)
    await expect(file.getByRole('link', { name: `Download ${name}` })).toHaveAttribute('href', /^\/files\/[0-9a-f]{64}\//)
    if (name.endsWith('.txt')) await expect(file.getByRole('region', { name: `Contents of ${name}` })).toContainText('Scenario notes')
    if (name.endsWith('.png')) await expect(file.getByRole('img', { name: `Submitted image ${name}` })).toBeVisible()
    if (name.endsWith('.pdf')) await expect(file.locator(`iframe[title="Submitted PDF ${name}"]`)).toBeVisible()
    await expect(panel(page).getByTestId('assignment-text')).toBeVisible()
  })

  test('? opens a cheat sheet listing every shortcut of the table the keys use', async ({ page }) => {
    await openGrading(page, '')
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    const en = catalog('en')
    for (const shortcut of SHORTCUTS) await expect(sheet.getByRole('cell', { name: en[shortcut.label], exact: true })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
    // With nothing open, J opens the first submission; N the next ungraded; Alt+↓ moves on even from a field.
    const selected = queue(page).getByRole('option', { selected: true })
    await page.keyboard.press('j')
    await expect(panelHeading(page)).toBeVisible()
    await expect(selected).toHaveAttribute('aria-posinset', '1')
    await page.keyboard.press('n')
    await expect(selected).toHaveAttribute('aria-posinset', '2')
    await page.keyboard.press('p')
    await expect(panel(page).getByLabel('Points')).toBeFocused()
    await page.keyboard.press('Alt+ArrowDown')
    await expect(selected).toHaveAttribute('aria-posinset', '3')
    await expect(panel(page).getByLabel('Points')).toBeFocused()
    await page.keyboard.press('Alt+ArrowUp')
    await expect(selected).toHaveAttribute('aria-posinset', '2')
  })

  test('J then N typed 60 ms apart while the first submission is still opening: N moves on to the next ungraded', async ({ page }) => {
    await openGrading(page, '')
    // Network latency (outside the product): the submission's answer comes late, so N arrives while it opens.
    await page.route('**/api/module/assignment/submissions?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700))
      await route.continue()
    })
    const selected = queue(page).getByRole('option', { selected: true })
    await page.keyboard.press('j')
    await page.waitForTimeout(60)
    await page.keyboard.press('n')
    await expect(selected).toHaveAttribute('aria-posinset', '2')
    await expect(panelHeading(page)).toContainText(await selected.getByTestId('learner-name').innerText())
  })

  test('the queue renders only the rows in view and loads pages from the server as it moves', async ({ page }) => {
    const pageSizes: number[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/api/course/all-submissions') pageSizes.push(Number(url.searchParams.get('page_size')))
    })
    await openGrading(page, 'status=all')
    const total = await statusCount(page, 'all')
    expect(total).toBeGreaterThan(100)
    await expect(page.getByTestId('queue-count')).toHaveText(`${total} submissions`)
    const options = queue(page).getByRole('option')
    await expect(options.first()).toHaveAttribute('aria-setsize', String(total))
    expect(await options.count()).toBeLessThan(40)

    await page.keyboard.press('q')
    await page.keyboard.press('End')
    const selected = queue(page).getByRole('option', { selected: true })
    await expect(selected).toHaveAttribute('aria-posinset', String(total))
    await expect(selected.getByTestId('learner-name')).toHaveText(await panelHeading(page).innerText())
    expect(await options.count()).toBeLessThan(40)
    await page.keyboard.press('Home')
    await expect(selected).toHaveAttribute('aria-posinset', '1')
    await page.keyboard.press('PageDown')
    await expect(selected).toHaveAttribute('aria-posinset', '11')

    // Pages of 100 at most (the status counts ask for one row each); never the whole list.
    expect(pageSizes.length).toBeGreaterThan(0)
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(100)
  })
})
