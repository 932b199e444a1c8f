// Values kept on this computer only (src/shared/contract/local-only.ts): every screen that
// shows or edits one has a hint next to exactly the declared fields, announced with the
// field, and a value typed there is stored (read back through the documented API). At
// human speed, and on a phone and a tablet nothing scrolls sideways.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { LOCAL_ONLY_FIELDS } from '../../src/shared/contract/local-only'
import { catalog } from './catalogs'
import { api, openApp, scrollsSideways, seriousViolations, unique } from './helpers'

const en = catalog('en')
const HINT = /^Kept on this computer only|stay on this computer|Not available from the hosted LMS/
const human = { delay: 65 }

/** The declared fields the form's operation cannot send, among the inputs the form shows now. */
async function declaredOn(form: Locator, operation: 'courses.create' | 'courses.update'): Promise<string[]> {
  const names = new Set(await form.locator('[name]').evaluateAll((els) => els.map((e) => e.getAttribute('name'))))
  return LOCAL_ONLY_FIELDS.filter((f) => f.entity === 'course' && f.notSentBy.includes(operation) && names.has(f.field))
    .map((f) => f.field)
    .sort()
}

const hinted = async (scope: Locator) => (await scope.locator('[data-local-only]').evaluateAll((els) => els.map((e) => e.getAttribute('data-local-only')))).sort()

async function choose(page: Page, form: Locator, label: string, option: string): Promise<void> {
  await form.getByRole('combobox', { name: label }).click()
  await page.getByRole('listbox', { name: label }).getByRole('option', { name: option }).click()
}

async function courseByName(page: Page, name: string): Promise<{ id: number }> {
  const search = encodeURIComponent(JSON.stringify({ courseName: name }))
  const list = await api<{ records: { id: number; name: string }[] }>(page, 'GET', `/api/courses/tabularlist?page_size=10&page_number=1&search_param=${search}`)
  const found = list.records.filter((r) => r.name === name)
  expect(found).toHaveLength(1)
  return found[0]
}

interface StoredCourse {
  courseType: string
  durationRule: string
  durationDays: number | null
  instructions: string | null
}

test('the course form and page hint at exactly the values the hosted LMS cannot have, and keep what is typed there', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page, '#/courses')
  const name = `Local only ${unique('')}`
  await page.getByRole('button', { name: 'New course' }).click()
  const create = page.getByRole('form', { name: 'New course' })
  await create.getByLabel('Name').pressSequentially(name, human)

  // Creating: the course type only (the duration is unlimited, so no date or days shows).
  expect(await declaredOn(create, 'courses.create')).toEqual(['courseType'])
  expect(await hinted(create)).toEqual(['courseType'])
  // Reached by keyboard, the field is announced with its hint.
  const courseType = create.getByRole('combobox', { name: en['courseForm.courseType'] })
  for (let i = 0; i < 8 && !(await courseType.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
    await page.keyboard.press('Tab')
    await page.waitForTimeout(60)
  }
  await expect(courseType).toBeFocused()
  await expect(courseType).toHaveAccessibleDescription(en['localOnly.notInReference'])
  await expect(create.getByRole('combobox', { name: 'Status' })).not.toHaveAccessibleDescription(HINT)
  await expect(create.getByLabel('Instructions')).not.toHaveAccessibleDescription(HINT)

  await choose(page, create, en['courseForm.courseType'], en['courseForm.type.instructor_led'])
  await choose(page, create, en['courseForm.duration'], en['courseForm.durationRule.x_days_after_start'])
  const days = create.getByLabel(en['courseForm.days'])
  expect(await declaredOn(create, 'courses.create')).toEqual(['courseType', 'durationDays'])
  expect(await hinted(create)).toEqual(['courseType', 'durationDays'])
  await expect(days).toHaveAccessibleDescription(en['localOnly.noParameter'])
  await days.pressSequentially('45', human)
  await create.getByLabel('Instructions').pressSequentially('Bring a notebook.', human)
  await create.getByRole('button', { name: 'Create course' }).click()
  await expect(create).toBeHidden()

  const { id } = await courseByName(page, name)
  expect(await api<StoredCourse>(page, 'GET', `/api/course/${id}`)).toMatchObject({
    courseType: 'instructor_led',
    durationRule: 'x_days_after_start',
    durationDays: 45,
    instructions: 'Bring a notebook.',
  })

  // The course page: the access fact (its days) carries the hint, and the enrolled students' last access.
  await openApp(page, `#/courses/${id}`)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByRole('table', { name: `Students enrolled in ${name}` })).toBeVisible()
  expect(await hinted(page.locator('main'))).toEqual(['durationDays', 'last_accessed_on'])

  // Editing: the instructions too, since only the create sends them.
  await page.getByRole('button', { name: 'Edit course' }).click()
  const edit = page.getByRole('form', { name: 'Edit course' })
  await expect(edit.getByLabel('Name')).toHaveValue(name)
  expect(await declaredOn(edit, 'courses.update')).toEqual(['courseType', 'durationDays', 'instructions'])
  expect(await hinted(edit)).toEqual(['courseType', 'durationDays', 'instructions'])
  const instructions = edit.getByLabel('Instructions')
  await expect(instructions).toHaveAccessibleDescription(en['localOnly.editsNotSent'])
  expect(await seriousViolations(page)).toEqual([])
  await instructions.press('End')
  await instructions.pressSequentially(' And a pencil.', human)
  await choose(page, edit, en['courseForm.duration'], en['courseForm.durationRule.on_specific_date'])
  expect(await hinted(edit)).toEqual(['courseType', 'durationSpecificDate', 'instructions'])
  await expect(edit.getByLabel(en['courseForm.endsOn'])).toHaveAccessibleDescription(en['localOnly.noParameter'])
  await edit.getByLabel(en['courseForm.endsOn']).fill('2027-03-31')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  expect(await api<StoredCourse & { durationSpecificDate: string | null }>(page, 'GET', `/api/course/${id}`)).toMatchObject({
    courseType: 'instructor_led',
    durationRule: 'on_specific_date',
    instructions: 'Bring a notebook. And a pencil.',
  })
  expect((await api<{ durationSpecificDate: string }>(page, 'GET', `/api/course/${id}`)).durationSpecificDate).toMatch(/^2027-03-31/)
  expect(await hinted(page.locator('main'))).toEqual(['durationSpecificDate', 'last_accessed_on'])
})

test('a list column the hosted LMS gives only roughly says so in its header, by keyboard and to screen readers', async ({ page }) => {
  await openApp(page, '#/courses')
  await page.getByLabel('Search courses').pressSequentially('First Aid at Work', human)
  const courses = page.getByRole('table', { name: 'Courses' })
  await expect(courses.locator('tbody tr')).toHaveCount(1)
  await courses.getByRole('link', { name: 'First Aid at Work' }).click()
  const students = page.getByRole('table', { name: 'Students enrolled in First Aid at Work' })
  await expect(students.locator('tbody tr').first()).toBeVisible()
  expect(await hinted(students)).toEqual(['last_accessed_on'])
  const header = students.getByRole('columnheader', { name: new RegExp(`^${en['enrolled.col.lastAccessed']}`) })
  const note = header.getByRole('button', { name: en['localOnly.relativeOnly'] })
  // Reached from the header's sort button with one Tab, it shows its text.
  await header.getByRole('button', { name: en['enrolled.col.lastAccessed'] }).focus()
  await page.waitForTimeout(60)
  await page.keyboard.press('Tab')
  await expect(note).toBeFocused()
  await expect(page.getByRole('tooltip')).toHaveText(en['localOnly.relativeOnly'])
  // Sorting by the column still works: the note is beside the sort button, not in it.
  await header.getByRole('button', { name: en['enrolled.col.lastAccessed'], exact: true }).click()
  await expect(header).toHaveAttribute('aria-sort', 'ascending')

  // The users list declares nothing: no hint there.
  await openApp(page, '#/users')
  const users = page.getByRole('table', { name: 'Users' })
  await expect(users.locator('tbody tr').first()).toBeVisible()
  expect(await hinted(users)).toEqual([])
})

for (const size of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
]) {
  test(`on a ${size.name} the hints wrap inside the form and the course page`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height })
    await openApp(page, '#/courses')
    const name = `Narrow local ${unique('')}`
    const { id } = await api<{ id: number }>(page, 'POST', '/api/course', {
      name,
      slug: unique('narrow-local-').toLowerCase(),
      status: 'draft',
      gradingRule: 'no_grading',
      durationRule: 'x_days_after_enrollment',
      durationDays: 30,
    })
    await openApp(page, `#/courses/${id}`)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    expect(await hinted(page.locator('main'))).toEqual(['durationDays', 'last_accessed_on'])
    expect(await scrollsSideways(page)).toBe(false)
    await page.getByRole('button', { name: 'Edit course' }).click()
    const edit = page.getByRole('form', { name: 'Edit course' })
    await expect(edit.getByLabel('Name')).toHaveValue(name)
    expect(await hinted(edit)).toEqual(['courseType', 'durationDays', 'instructions'])
    for (const hint of await edit.locator('[data-local-only]').all()) {
      const box = (await hint.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(size.width)
    }
    expect(await scrollsSideways(page)).toBe(false)
    await page.screenshot({ path: `test-results/local-only/${size.name}-course-form.png` })
  })
}
