// Grading at the speed a trainer types: the points of a submission, Ctrl+Enter, and at once
// the next submission's points, 50-80 ms between keys, without waiting for the screen.
// Keys typed while the next submission loads belong to it; every stored grade is read back
// through the documented API and must be exactly what was typed. Each test makes its own
// course (test/e2e/worlds.ts), so it can run again and again (--repeat-each).
import { expect, test, type Page } from '@playwright/test'
import { openApp } from './helpers'
import { gradingCourse, queueRows, type QueueRow } from './worlds'

const panel = (page: Page) => page.getByTestId('grading-panel')
const points = (page: Page) => panel(page).getByLabel('Points')

/** 50-80 ms, varied the way a person's rhythm varies. */
const keyGap = (i: number) => 50 + ((i * 37) % 31)

/** Presses keys one at a time with a human gap after each, never waiting for the screen. */
async function typeKeys(page: Page, keys: readonly string[], start = 0): Promise<void> {
  for (const [i, key] of keys.entries()) {
    await page.keyboard.press(key)
    await page.waitForTimeout(keyGap(start + i))
  }
}

/** A two-digit grade within the submission's maximum, different from row to row. */
const gradeFor = (row: QueueRow, i: number) => 10 + ((i * 13 + 7) % (Math.min(row.total_points ?? 0, 99) - 9))

/** Opens the course's queue, the first submission, and puts the cursor in its points. */
async function startGrading(page: Page, courseId: number): Promise<void> {
  await openApp(page, `#/grading?course=${courseId}`)
  const queue = page.getByRole('listbox', { name: 'Submissions' })
  await expect(queue).toHaveAttribute('aria-busy', 'false')
  await queue.getByRole('option').first().click()
  await expect(panel(page).getByTestId('gradebook-percentage')).toBeVisible()
  await points(page).click()
}

test.describe('Grading typed at human speed', () => {
  test('8 grades in a row with Ctrl+Enter, typed 50-80 ms apart: every stored grade is what was typed', async ({ page }) => {
    test.setTimeout(90_000)
    await openApp(page, '#/grading')
    const courseId = await gradingCourse(page, [30, 100, 20, 50], 2)
    const rows = await queueRows(page, courseId, 'ungraded')
    expect(rows).toHaveLength(8)
    // Mixed maxima, and one rejection among them (Ctrl+Shift+Enter).
    expect(new Set(rows.map((r) => r.total_points)).size).toBe(4)
    const typed = rows.map((row, i) => ({ row, points: gradeFor(row, i), accept: i !== 5 }))

    await startGrading(page, courseId)
    let k = 0
    for (const { points: value, accept } of typed) {
      const keys = [...String(value), accept ? 'ControlOrMeta+Enter' : 'ControlOrMeta+Shift+Enter']
      await typeKeys(page, keys, k)
      k += keys.length
    }
    await expect(page.getByTestId('grading-announcer')).toContainText('That was the last submission in this list.')

    // Read back through the documented route: the grade of every submission, as typed.
    await expect
      .poll(async () => (await queueRows(page, courseId)).filter((r) => r.grading_status !== 'ungraded').length)
      .toBe(8)
    const stored = new Map((await queueRows(page, courseId)).map((r) => [r.status_row_id, r]))
    const got = typed.map(({ row }) => {
      const s = stored.get(row.status_row_id)!
      return { learner: `${s.first_name} ${s.last_name}`, module: s.module_name, status: s.grading_status, points: s.points_awarded }
    })
    const want = typed.map(({ row, points: value, accept }) => ({
      learner: `${row.first_name} ${row.last_name}`,
      module: row.module_name,
      status: accept ? 'graded' : 'rejected',
      points: value,
    }))
    expect(got).toEqual(want)
  })

  test('a refused grade keeps the keys typed after it away from the open submission, and says why', async ({ page }) => {
    await openApp(page, '#/grading')
    const courseId = await gradingCourse(page, [30], 2)
    const rows = await queueRows(page, courseId, 'ungraded')
    expect(rows).toHaveLength(2)

    await startGrading(page, courseId)
    // 45 is over the maximum of 30: refused. The 12 typed right after was meant for the
    // next learner, so it must neither change this field nor be saved anywhere.
    await typeKeys(page, ['4', '5', 'ControlOrMeta+Enter', '1', '2', 'ControlOrMeta+Enter'])
    await expect(points(page)).toHaveAttribute('aria-invalid', 'true')
    await expect(points(page)).toHaveAccessibleDescription(/The points awarded must be between 0 and 30\./)
    await expect(page.getByTestId('grading-feedback')).toContainText('Not saved: The points awarded must be between 0 and 30.')
    // The keys after the refusal are refused in sight until the trainer turns to the grade.
    await expect(page.getByTestId('type-ahead')).toContainText('Keys paused after the refused grade')
    await expect(points(page)).toHaveValue('45')
    await page.waitForTimeout(500)
    expect((await queueRows(page, courseId)).map((r) => r.grading_status)).toEqual(['ungraded', 'ungraded'])

    // Esc turns to it; mended and saved, the next one opens and takes what is typed next.
    await typeKeys(page, ['Escape'])
    await expect(page.getByTestId('type-ahead')).toHaveCount(0)
    await expect(points(page)).toBeFocused()
    await typeKeys(page, ['2', '9', 'ControlOrMeta+Enter', '1', '7', 'ControlOrMeta+Enter'])
    await expect(page.getByTestId('grading-announcer')).toContainText('That was the last submission in this list.')
    const stored = new Map((await queueRows(page, courseId)).map((r) => [r.status_row_id, r.points_awarded]))
    expect(rows.map((r) => stored.get(r.status_row_id))).toEqual([29, 17])
  })
})
