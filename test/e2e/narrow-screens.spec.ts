// Attendance and Grading on a phone (390x844) and a small tablet (820x1180): nothing scrolls
// sideways, no control sticks out of the window, and the work gets done there: marks by tap
// and by key, a grade typed and saved with Ctrl+Enter from the submission's own view, both
// read back through the documented API. Screenshots go to test-results/narrow-screens/ to be
// looked at.
import { expect, test, type Page } from '@playwright/test'
import { openApp, seriousViolations } from './helpers'
import { classLearners, classWithLearners, gradingCourse, queueRows } from './worlds'

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
] as const

interface Fit {
  scrollWidth: number
  clientWidth: number
  /** Visible controls whose box reaches past either side of the window. */
  cutOff: string[]
}

/** Whether the page fits the window's width (read in the page; the test has no DOM types). */
async function fit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    type Box = { left: number; right: number; width: number; height: number }
    type El = {
      getBoundingClientRect(): Box
      getAttribute(name: string): string | null
      textContent: string | null
      closest(s: string): El | null
      querySelectorAll(s: string): Iterable<El>
      scrollWidth: number
      clientWidth: number
    }
    const g = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): Iterable<El> }
      getComputedStyle(el: El): { overflowX: string; textOverflow: string }
    }
    const doc = g.document
    const width = doc.documentElement.clientWidth
    const cutOff: string[] = []
    const name = (el: El) => el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '?'
    for (const el of doc.querySelectorAll('main button, main input, main select, main textarea, main [role="option"], main [role="radio"]')) {
      const box = el.getBoundingClientRect()
      // Hidden (display: none) and visually hidden controls have no size.
      if (box.width <= 1 || box.height <= 1 || el.closest('[aria-hidden="true"]')) continue
      if (box.left < -1 || box.right > width + 1) cutOff.push(`${name(el)} (${Math.round(box.left)}-${Math.round(box.right)})`)
    }
    // A button whose label is clipped without an ellipsis ("Cancellec") is cut off too.
    for (const button of doc.querySelectorAll('main button')) {
      if (button.getBoundingClientRect().width <= 1) continue
      for (const part of [button, ...button.querySelectorAll('*')]) {
        const style = g.getComputedStyle(part)
        if (part.scrollWidth > part.clientWidth + 1 && style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis') {
          cutOff.push(`${name(button)} (label clipped)`)
          break
        }
      }
    }
    return { scrollWidth: doc.documentElement.scrollWidth, clientWidth: width, cutOff }
  })
}

async function expectFits(page: Page): Promise<void> {
  const f = await fit(page)
  expect(f.cutOff).toEqual([])
  expect(f.scrollWidth).toBeLessThanOrEqual(f.clientWidth)
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/narrow-screens/${name}.png`, fullPage: true })

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } })

    test('Attendance fits without sideways scrolling; learners are marked by tap and by key', async ({ page }) => {
      // axe over the page takes a while on a busy machine.
      test.setTimeout(90_000)
      await openApp(page, '#/attendance')
      const classId = await classWithLearners(page, 6)
      await openApp(page, `#/attendance?class=${classId}`)
      const rows = page.getByTestId('roster-row')
      await expect(rows).toHaveCount(6)
      await expectFits(page)
      await shot(page, `attendance-${size.name}`)
      expect(await seriousViolations(page)).toEqual([])

      // Every control of a row is on screen and can be used: a tap, then keys from there.
      const first = rows.first()
      for (const name of ['Attended', 'No Show', 'Cancelled', 'Registered']) await expect(first.getByRole('button', { name, exact: true })).toBeInViewport()
      await expect(first.getByRole('button', { name: /^Note for / })).toBeInViewport()
      await first.getByRole('button', { name: 'No Show', exact: true }).click()
      await page.keyboard.press('ArrowDown')
      await page.waitForTimeout(60)
      await page.keyboard.press('1')
      await page.waitForTimeout(60)
      await page.keyboard.press('3')
      await expect(page.getByTestId('count-Registered')).toHaveText('Registered 3')
      // Read back by name: the screen's order is the roster's, not the ids'.
      type Row = { querySelector(selector: string): { innerText: string } | null }
      const names = await rows.evaluateAll((els) => (els as unknown as Row[]).map((row) => row.querySelector('p')!.innerText.trim()))
      const want = Object.fromEntries(names.map((name, i) => [name, ['No Show', 'Attended', 'Cancelled'][i] ?? 'Registered']))
      await expect.poll(async () => Object.fromEntries((await classLearners(page, classId)).map((l) => [l.name, l.status]))).toEqual(want)
      await expectFits(page)
    })

    test('Grading fits; the open submission has its own view with a way back, and Ctrl+Enter grades from it', async ({ page }) => {
      test.setTimeout(90_000)
      await openApp(page, '#/grading')
      const courseId = await gradingCourse(page, [20], 2)
      const [one, two] = await queueRows(page, courseId, 'ungraded')
      await openApp(page, `#/grading?course=${courseId}`)
      const queue = page.getByRole('listbox', { name: 'Submissions' })
      await expect(queue).toHaveAttribute('aria-busy', 'false')
      await expectFits(page)
      await shot(page, `grading-list-${size.name}`)

      // Opening a submission shows it alone, at the top, with a way back to the list.
      await queue.getByRole('option').first().click()
      const panel = page.getByTestId('grading-panel')
      await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`${one.first_name} ${one.last_name}`)
      await expect(queue).toBeHidden()
      await expect(panel).toBeInViewport()
      const back = panel.getByRole('button', { name: 'Back to the list' })
      await expect(back).toBeVisible()
      await expect(panel.getByTestId('gradebook-percentage')).toBeVisible()
      await expectFits(page)
      await shot(page, `grading-panel-${size.name}`)
      expect(await seriousViolations(page)).toEqual([])

      // The keyboard flow works here too: points, Ctrl+Enter, and the next one opens in this view.
      await panel.getByLabel('Points').pressSequentially('17', { delay: 60 })
      await page.keyboard.press('ControlOrMeta+Enter')
      await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`${two.first_name} ${two.last_name}`)
      await expect(panel.getByLabel('Points')).toBeFocused()
      await expect.poll(async () => (await queueRows(page, courseId)).find((r) => r.status_row_id === one.status_row_id)?.points_awarded).toBe(17)

      await back.click()
      await expect(queue).toBeVisible()
      await expect(queue).toBeFocused()
      await expect(panel).toBeHidden()
      await expectFits(page)
    })
  })
}
