// The app in French and in Arabic: the language is chosen in Settings as a trainer would,
// then the main screens (grading, attendance, import, certificates, users) are walked and
// their jobs done: no English message of the catalog is left on them, Arabic is laid out
// right-to-left; no horizontal overflow at 1366x768 and 820x1180 (and 390 px in Arabic), axe finds nothing
// serious, and what is stored does not depend on the language (a grade typed "7,5" in
// French is 7.5 points; typed so in Arabic, whose decimal is a point, it is refused in
// Arabic and nothing is stored). Screenshots go to test-results/i18n/.
// Each test sets the profile back to the system's language (English here), so the specs
// after this one see the app as they expect.
import { expect, test, type Page } from '@playwright/test'
import { IntlMessageFormat } from 'intl-messageformat'
import { catalog } from './catalogs'
import { api, openApp, seriousViolations, unique } from './helpers'
import { classLearners, classWithLearners, gradingCourse, queueRows } from './worlds'

type Lang = 'fr' | 'ar'
const en = catalog('en')

/** A catalog message in the language, formatted as the app formats it. */
function say(locale: Lang, key: string, values?: Record<string, string | number>): string {
  return String(new IntlMessageFormat(catalog(locale)[key], locale).format(values))
}

/**
 * English messages that would show untranslated: those with words of their own (two or more,
 * no placeholders) that the language words differently.
 */
function englishCandidates(locale: Lang): string[] {
  const other = catalog(locale)
  return Object.keys(en)
    .filter((k) => !en[k].includes('{') && !en[k].includes('<') && (en[k].match(/\p{L}{2,}/gu) ?? []).length >= 2 && other[k] !== en[k])
    .map((k) => en[k])
}

/** English catalog messages found in the page's text, labels, placeholders and titles. */
async function englishOnPage(page: Page, locale: Lang): Promise<string[]> {
  // Run in the page (written as text: this config's TypeScript has no DOM types). The
  // certificate canvas shows the template's own text (data, in whatever language it was written).
  const texts = await page.evaluate<string[]>(`(() => {
    const out = []
    const data = (node) => node.parentElement && node.parentElement.closest('[data-testid="template-canvas"]')
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim() && !data(n)) out.push(n.textContent.trim())
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt], [aria-description]')) {
      if (el.closest('[data-testid="template-canvas"]')) continue
      for (const a of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description']) {
        const v = el.getAttribute(a)
        if (v) out.push(v)
      }
    }
    out.push(document.title)
    return out
  })()`)
  const candidates = englishCandidates(locale)
  return candidates.filter((message) => texts.some((text) => text === message || (message.length > 12 && text.includes(message))))
}

/** Read until the layout settles after a resize (Mantine's breakpoints re-render): an overflow that stays fails. */
async function noOverflow(page: Page): Promise<void> {
  const overflow = () => page.evaluate<number>(`document.documentElement.scrollWidth - document.documentElement.clientWidth`)
  await expect.poll(overflow, { message: 'pixels the page is wider than its window', timeout: 3_000 }).toBeLessThanOrEqual(0)
}

/** Checks a screen in the language: no English, no serious axe finding, no overflow at the widths; a screenshot at each. */
async function checkScreen(page: Page, locale: Lang, screen: string, widths: readonly number[]): Promise<void> {
  expect(await englishOnPage(page, locale), `${screen} in ${locale}`).toEqual([])
  expect(await seriousViolations(page), `${screen} in ${locale}`).toEqual([])
  for (const width of widths) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : width < 1000 ? 1180 : 768 })
    await page.waitForTimeout(150)
    await noOverflow(page)
    await page.screenshot({ path: `test-results/i18n/${locale}-${screen}-${width}.png`, fullPage: false })
  }
  await page.setViewportSize({ width: 1366, height: 860 })
}

/** Chooses the language in Settings, as a trainer does: the whole app switches at once. */
async function chooseLanguage(page: Page, locale: Lang): Promise<void> {
  await openApp(page, '#/settings')
  const select = page.getByTestId('language-select')
  await select.click()
  await page.waitForTimeout(200)
  await select.selectOption(locale)
  await expect(page.locator('html')).toHaveAttribute('lang', locale)
  await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr')
  await expect(page.getByRole('heading', { level: 1, name: say(locale, 'settings.title') })).toBeVisible()
  await expect(page.getByRole('navigation').getByText(say(locale, 'nav.grading'), { exact: true })).toBeVisible()
}

// The two screens (a laptop 1366x768, a tablet 820x1180) in both languages; a phone too in Arabic.
const widthsFor = (locale: Lang) => (locale === 'ar' ? [390, 820, 1366] : [820, 1366])

test.describe.configure({ mode: 'serial' })

test.afterEach(async ({ page }) => {
  await api(page, 'POST', '/app/app.setLocale', { locale: null })
})

for (const locale of ['fr', 'ar'] as const) {
  test(`in ${locale}: grade by keyboard, and the points stored do not depend on the language`, async ({ page }) => {
    test.setTimeout(120_000)
    await openApp(page, '#/users')
    const courseId = await gradingCourse(page, [10], 2)
    await chooseLanguage(page, locale)
    // The settings survive a reload: the language is the profile's.
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('lang', locale)

    await openApp(page, `#/grading?course=${courseId}`)
    await expect(page.getByRole('heading', { level: 1, name: say(locale, 'grading.title') })).toBeVisible()
    const queue = page.getByRole('listbox', { name: say(locale, 'grading.submissions') })
    await expect(queue).toHaveAttribute('aria-busy', 'false')
    await page.keyboard.press('q')
    await expect(queue).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await page.waitForTimeout(80)
    await page.keyboard.press('Enter')
    const panel = page.getByTestId('grading-panel')
    const points = panel.getByLabel(say(locale, 'grading.points'))
    await expect(points).toBeFocused()
    await checkScreen(page, locale, 'grading', widthsFor(locale))
    await points.focus()

    const [first] = await queueRows(page, courseId, 'ungraded')
    await points.pressSequentially('7,5', { delay: 70 })
    await page.keyboard.press('Enter')
    await page.keyboard.type(locale === 'fr' ? 'Bon travail.' : 'عمل جيد.', { delay: 60 })
    await page.keyboard.press('ControlOrMeta+Enter')
    const stored = async () => (await queueRows(page, courseId)).find((r) => r.status_row_id === first.status_row_id)
    if (locale === 'fr') {
      // The French decimal comma: 7.5 points stored, shown back as "7,5".
      await expect.poll(async () => (await stored())?.points_awarded).toBe(7.5)
      expect((await stored())?.grading_status).toBe('graded')
      await page.getByTestId('status-count-graded').click()
      await expect(queue.getByTestId('grade-badge').first()).toContainText('7,5')
    } else {
      // Arabic writes decimals with a point: "7,5" is refused, in Arabic, and nothing is stored.
      await expect(panel.getByRole('alert').or(panel.locator('.mantine-InputWrapper-error')).first()).toBeVisible()
      await expect(page.getByTestId('grading-announcer')).toContainText(say(locale, 'grading.notSaved', { reason: '' }).trim().slice(0, 8))
      expect(await englishOnPage(page, locale)).toEqual([])
      expect((await stored())?.points_awarded).toBeNull()
      // Keys after a refused grade are held until the trainer turns to it (Esc), as in English.
      await page.keyboard.press('Escape')
      await page.waitForTimeout(80)
      await points.focus()
      await page.keyboard.press('ControlOrMeta+a')
      await points.pressSequentially('7.5', { delay: 70 })
      await expect(points).toHaveValue('7.5')
      await page.keyboard.press('ControlOrMeta+Enter')
      await expect.poll(async () => (await stored())?.points_awarded).toBe(7.5)
    }
  })

  test(`in ${locale}: mark attendance by keyboard; the stored status is the API's`, async ({ page }) => {
    test.setTimeout(90_000)
    await openApp(page, '#/users')
    const classId = await classWithLearners(page, 3)
    await chooseLanguage(page, locale)
    await openApp(page, `#/attendance?class=${classId}`)
    await expect(page.getByRole('heading', { level: 1, name: say(locale, 'attendance.title') })).toBeVisible()
    await expect(page.getByTestId('roster-row')).toHaveCount(3)
    await checkScreen(page, locale, 'attendance', widthsFor(locale))

    await page.getByLabel(say(locale, 'attendance.search')).focus()
    await page.keyboard.press('ArrowDown')
    const firstRow = page.getByTestId('roster-row').first()
    await expect(firstRow.getByRole('button', { name: say(locale, 'attendance.status.attended') })).toBeFocused()
    // Along the row the arrow keys follow the reading direction: in Arabic "left" is onward.
    await page.keyboard.press(locale === 'ar' ? 'ArrowLeft' : 'ArrowRight')
    await page.waitForTimeout(70)
    await expect(firstRow.getByRole('button', { name: say(locale, 'attendance.status.noShow') })).toBeFocused()
    await page.keyboard.press(locale === 'ar' ? 'ArrowRight' : 'ArrowLeft')
    await page.waitForTimeout(70)
    for (const key of ['1', '2', '1']) {
      await page.keyboard.press(key)
      await page.waitForTimeout(70)
    }
    await expect.poll(async () => (await classLearners(page, classId)).map((l) => l.status)).toEqual(['Attended', 'No Show', 'Attended'])
    await expect(firstRow.getByRole('button', { name: say(locale, 'attendance.status.attended') })).toHaveAttribute('aria-pressed', 'true')
    expect(await englishOnPage(page, locale)).toEqual([])
  })

  test(`in ${locale}: import a file, its problems in the language`, async ({ page }) => {
    test.setTimeout(90_000)
    const tag = unique('i18n')
    await chooseLanguage(page, locale)
    await openApp(page, '#/import')
    await expect(page.getByRole('heading', { level: 1, name: say(locale, 'import.title') })).toBeVisible()
    await checkScreen(page, locale, 'import-empty', [1366])
    const csv = ['Email,First Name,Last Name', `${tag}.1@example.org,Zoë,Łukasz`, `${tag}.2@example.org,فاطمة,الزهراء`, 'not-an-email,Bad,Row'].join('\r\n')
    await page.getByTestId('import-file-input').setInputFiles({ name: `i18n-${locale}-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await expect(page.getByTestId('import-summary')).toHaveText(say(locale, 'import.summary', { rows: 3, create: 2, update: 0, skip: 0, errors: 1 }))
    await expect(page.getByTestId('import-errors')).toBeVisible()
    await checkScreen(page, locale, 'import', widthsFor(locale))
    await page.getByRole('button', { name: say(locale, 'import.importN', { count: 2 }) }).click()
    await expect(page.getByTestId('import-result-counts')).toBeVisible({ timeout: 20_000 })
    expect(await englishOnPage(page, locale)).toEqual([])
    // The names are stored as typed in the file, whatever the screen's language.
    const found = await api<{ records: { email: string }[] }>(page, 'GET', `/api/users/tabularlist?page_size=20&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: tag.toLowerCase() }))}`)
    expect(found.records.map((r) => r.email).sort()).toEqual([`${tag}.1@example.org`, `${tag}.2@example.org`].map((e) => e.toLowerCase()))
    expect(JSON.stringify(found.records)).toContain('فاطمة')
  })

  test(`in ${locale}: certificates list and the editor's live preview`, async ({ page }) => {
    test.setTimeout(90_000)
    await chooseLanguage(page, locale)
    await openApp(page, '#/certificates')
    await expect(page.getByRole('heading', { level: 1, name: say(locale, 'certs.title') })).toBeVisible()
    const table = page.getByRole('table', { name: say(locale, 'certs.list.label') })
    await expect(table.locator('tbody tr').first()).toBeVisible()
    await checkScreen(page, locale, 'certificates', widthsFor(locale))
    const name = (await table.locator('tbody tr').first().locator('td').first().innerText()).trim()
    await table.getByRole('button', { name: say(locale, 'common.editNamed', { name }), exact: true }).first().click()
    await expect(page.getByTestId('preview-status')).toHaveText(new RegExp(say(locale, 'certs.preview.upToDate', { size: 1 }).split('(')[0].trim()), { timeout: 20_000 })
    // The page canvas keeps the template's own left-to-right geometry inside an Arabic page.
    await checkScreen(page, locale, 'certificate-editor', [820, 1366])
  })

  test(`in ${locale}: users list and search`, async ({ page }) => {
    await chooseLanguage(page, locale)
    await openApp(page, '#/users')
    await expect(page.getByRole('heading', { level: 1, name: say(locale, 'users.title') })).toBeVisible()
    const search = page.getByLabel(say(locale, 'users.search'))
    await search.pressSequentially('demo', { delay: 60 })
    await expect(page.getByRole('table').locator('tbody tr').first()).toContainText('demo')
    await checkScreen(page, locale, 'users', widthsFor(locale))
  })
}
