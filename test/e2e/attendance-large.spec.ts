// A class bigger than one page of the roster (650 learners and one who sorts last; 200 a
// page): the counts are the whole class's, the digit keys typed 50-80 ms apart carry on
// across a page's end and land on the learners they were typed for, a search on the server
// finds a learner on the last page, the walk-in dialog knows who is in the class on any page,
// and a class list longer than it shows says so and shows more. Each test makes its own
// class (test/e2e/worlds.ts), so it can run again (--repeat-each).
import { expect, test, type Page } from '@playwright/test'
import { api, openApp } from './helpers'
import { bigClass } from './worlds'

const STATUS_OF_KEY: Record<string, string> = { '1': 'Attended', '2': 'No Show', '3': 'Cancelled', '4': 'Registered' }
const LEARNERS = 650
const LAST = { first_name: 'Zed', last_name: 'Zylstra' }

/** 50-80 ms, varied the way a person's rhythm varies. */
const keyGap = (i: number) => 50 + ((i * 37) % 31)

/** Every stored status of the class by learner name, through the documented route. */
async function stored(page: Page, classId: number): Promise<Map<string, string>> {
  const order = encodeURIComponent(JSON.stringify({ colName: 'id', direction: 'asc' }))
  const { records } = await api<{ records: { name: string; status: string }[] }>(page, 'GET', `/api/class/enrolled-students?class_id=${classId}&page_size=1000&order_by=${order}`)
  return new Map(records.map((r) => [r.name, r.status]))
}

/** Names of the roster rows on screen. */
async function rowNames(page: Page): Promise<string[]> {
  type Row = { querySelector(selector: string): { innerText: string } | null }
  return page.getByTestId('roster-row').evaluateAll((rows) => (rows as unknown as Row[]).map((row) => row.querySelector('p')!.innerText.trim()))
}

test('651 learners: real counts, pages of 200, digit keys across the end of a page, a server search, walk-ins checked on every page', async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page, '#/attendance')
  const { classId, tag } = await bigClass(page, LEARNERS, LAST)
  const name = (i: number) => `Learner ${tag} ${String(i).padStart(4, '0')}`
  await openApp(page, `#/attendance?class=${classId}`)
  await expect(page.getByTestId('roster-row')).toHaveCount(200)
  await expect(page.getByTestId('counts')).toContainText('651 learners')
  await expect(page.getByTestId('count-Registered')).toHaveText('Registered 651')
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 1–200 of 651 learners')

  // From the search box into the roster, ten rows a PageDown, to the 191st learner.
  await page.getByLabel('Search learners').focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('roster-row').first().getByRole('button', { name: 'Attended' })).toBeFocused()
  for (let i = 0; i < 19; i++) {
    await page.keyboard.press('PageDown')
    await page.waitForTimeout(keyGap(i))
  }
  await expect(page.getByRole('group', { name: `Attendance of ${name(190)}` }).getByRole('button', { name: 'Attended' })).toBeFocused()
  // Twenty marks at a person's speed: the last ten land on the second page.
  const keys = Array.from({ length: 20 }, (_, i) => (i % 5 === 2 ? '2' : i % 7 === 3 ? '3' : '1'))
  for (const [i, key] of keys.entries()) {
    await page.keyboard.press(key)
    await page.waitForTimeout(keyGap(i))
  }
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 201–400 of 651 learners')
  await expect(page.getByTestId('count-Registered')).toHaveText('Registered 631')
  // End goes to the last learner of the class, on the fourth page (not read ahead). The network
  // is slow (that page's answer is held back, not changed, until the keys are typed): the keys
  // typed meanwhile wait for the page and then apply to it, in order.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/app/attendance.roster', async (route) => {
    await held
    await route.continue()
  })
  await page.keyboard.press('End')
  for (const [i, key] of ['ArrowUp', 'ArrowUp', '3', '3', '2'].entries()) {
    await page.waitForTimeout(keyGap(i))
    await page.keyboard.press(key)
  }
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 201–400 of 651 learners')
  release()
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 601–651 of 651 learners')
  await page.unroute('**/app/attendance.roster')
  const want = new Map(keys.map((k, i) => [name(190 + i), STATUS_OF_KEY[k]]))
  want.set(name(648), 'Cancelled').set(name(649), 'Cancelled').set(`${LAST.first_name} ${LAST.last_name}`, 'No Show')
  await expect.poll(async () => {
    const now = await stored(page, classId)
    return [...want.keys()].map((n) => [n, now.get(n)])
  }).toEqual([...want.entries()])
  const marked = await stored(page, classId)
  expect([...marked.values()].filter((s) => s !== 'Registered')).toHaveLength(want.size)
  await expect(page.getByTestId('count-Registered')).toHaveText(`Registered ${651 - want.size}`)

  // A search on the server finds a learner on the last page; Enter and a digit mark them.
  const search = page.getByLabel('Search learners')
  await search.click()
  await search.pressSequentially('Zylst', { delay: 60 })
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 1–1 of 1 learner matching “Zylst”')
  expect(await rowNames(page)).toEqual(['Zed Zylstra'])
  await search.press('Enter')
  await page.keyboard.press('1')
  await expect.poll(async () => (await stored(page, classId)).get('Zed Zylstra')).toBe('Attended')
  await search.fill('')
  await expect(page.getByTestId('roster-pages')).toContainText('Showing 1–200 of 651 learners')

  // The walk-in dialog knows a learner far down the class is in it.
  await page.getByRole('button', { name: 'Add walk-in' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a walk-in' })
  await dialog.getByLabel('Find a user').pressSequentially(`${tag}.64`.toLowerCase(), { delay: 60 })
  // tag.64 and tag.640-649: eleven match, eight are listed, all in the class.
  await expect(dialog.getByTestId('walkin-count')).toHaveText('11 users match; 8 shown. Type more of the name or email to narrow.')
  await expect(dialog.getByRole('button', { name: /is in the class$/ })).toHaveCount(8)
})

test('a course with more classes to come than the list shows: it says how many and shows more', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page, '#/attendance')
  const course = await api<{ id: number }>(page, 'POST', '/api/course', {
    name: `Crane Drill ${Date.now().toString(36)}`,
    slug: `crane-drill-${Date.now().toString(36)}`,
    status: 'publish',
    gradingRule: 'no_grading',
    durationRule: 'unlimited',
  })
  const first = Date.now() + 40 * 86_400_000
  for (let i = 0; i < 105; i++) {
    const start = new Date(first + i * 86_400_000)
    await api(page, 'POST', '/api/class/create', { courseId: course.id, instructor: 1, location: 2, type: 'onetime', starttime: start.toISOString(), endTime: new Date(start.getTime() + 3_600_000).toISOString() })
  }
  await openApp(page, `#/attendance?course=${course.id}`)
  // The course filter, set by the address, names its course.
  await expect(page.getByRole('combobox', { name: 'Course' })).toHaveValue(/^Crane Drill /)
  await expect(page.getByTestId('class-option')).toHaveCount(100)
  await expect(page.getByTestId('more-current')).toContainText('100 of 105 classes to come listed.')
  await page.getByRole('button', { name: 'Show more classes to come' }).click()
  await expect(page.getByTestId('class-option')).toHaveCount(105)
  await expect(page.getByTestId('more-current')).toHaveCount(0)
})
