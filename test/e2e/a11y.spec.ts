// axe-core on the working screens: no violation of impact serious or critical.
import { expect, test } from '@playwright/test'
import { openApp, seriousViolations, settled } from './helpers'

test.describe('Accessibility (axe-core)', () => {
  test('Users page, and the create form showing field errors', async ({ page }) => {
    await openApp(page, '#/users')
    await settled(page.getByRole('table', { name: 'Users' }))
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'New user' }).click()
    const dialog = page.getByRole('dialog', { name: 'New user' })
    await dialog.getByLabel('Email').fill('not-an-email')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await expect(dialog.getByText('The email must be a valid email address.')).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('Courses page and the course form', async ({ page }) => {
    await openApp(page, '#/courses')
    await settled(page.getByRole('table', { name: 'Courses' }))
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'New course' }).click()
    await expect(page.getByRole('dialog', { name: 'New course' }).getByLabel('Name')).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('Course detail with enrolled students, and the enroll dialog', async ({ page }) => {
    await openApp(page, '#/courses/1')
    await expect(page.getByRole('heading', { level: 1, name: 'course 1' })).toBeVisible()
    await settled(page.getByRole('table', { name: 'Students enrolled in course 1' }))
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Enroll students' }).click()
    const picker = page.getByRole('dialog', { name: 'Enroll students in course 1' }).getByRole('combobox', { name: 'Students' })
    await picker.click()
    await expect(page.getByRole('listbox', { name: 'Students' }).getByRole('option').first()).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('Grading screen: the queue, an open submission with a file, a field error, and the shortcut sheet', async ({ page }) => {
    await openApp(page, '#/grading?course=1&module=4&status=all')
    const queue = page.getByRole('listbox', { name: 'Submissions' })
    await expect(queue).toHaveAttribute('aria-busy', 'false')
    expect(await seriousViolations(page)).toEqual([])

    await queue.getByRole('option', { name: /Demo Student/ }).click()
    const panel = page.getByTestId('grading-panel')
    await expect(panel.getByTestId('gradebook-percentage')).toBeVisible()
    await expect(panel.getByTestId('file-submission').first()).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])

    // A refused grade (points out of range) with its field error; nothing is saved.
    await panel.getByLabel('Points').fill('999')
    await panel.getByRole('button', { name: 'Accept' }).click()
    await expect(panel.getByLabel('Points')).toHaveAttribute('aria-invalid', 'true')
    expect(await seriousViolations(page)).toEqual([])

    await page.keyboard.press('Escape')
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('Sync screen (not configured), its settings form with a field error, and the reset confirmation', async ({ page }) => {
    await openApp(page, '#/sync')
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
    await expect(page.getByTestId('sync-state')).toBeVisible()
    await expect(page.getByTestId('no-parked')).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])

    // Only a field error: an empty form is refused before anything is saved.
    const settings = page.getByRole('form', { name: 'Hosted LMS settings' })
    await settings.getByRole('button', { name: 'Save' }).click()
    await expect(settings.getByLabel('Hosted LMS address')).toHaveAttribute('aria-invalid', 'true')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Reset sync state' }).click()
    await expect(page.getByRole('dialog', { name: 'Reset sync state?' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('A placeholder page', async ({ page }) => {
    await openApp(page, '#/attendance')
    await expect(page.getByRole('heading', { level: 1, name: 'Attendance' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })
})
