// Certificates screen in browser mode: move and resize a field in the editor and see the PDF preview
// follow, issue a certificate to a learner and find it among the learner's certificates,
// and axe on each part of the screen.
import { expect, test, type Page } from '@playwright/test'
import { api, openApp, seriousViolations, settled, unique } from './helpers'

async function createTemplate(page: Page, name: string): Promise<number> {
  const { id } = await api<{ id: number }>(page, 'POST', '/api/certificate_template', {
    name,
    height: 600,
    width: 1000,
    fields: [
      { key: 'student_full_name', value: 'Student Full Name', font_size: 30, align_center: true, font_family: 'Times-Bold', font_color: '#1f3a5f', top: 200, left: 200, width: 500, height: 60 },
      { key: 'course_name', value: 'Course Name', font_size: 20, align_center: true, font_family: 'Arial', font_color: '#222', top: 320, left: 200, width: 500, height: 40 },
    ],
  })
  return id
}

async function openEditor(page: Page, name: string) {
  await openApp(page, '#/certificates')
  const table = page.getByRole('table', { name: 'Certificate templates' })
  await page.getByRole('searchbox', { name: 'Search templates' }).fill(name)
  await settled(table)
  await page.getByRole('button', { name: `Edit ${name}` }).click()
  await expect(page.getByRole('heading', { name: `Edit template: ${name}` })).toBeVisible()
  await expect(page.getByTestId('preview-status')).toHaveText(/Preview up to date/)
}

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click()
  await page.getByRole('option', { name: option }).first().click()
}

/** A picker searched on the server: type part of the name as a person would, then pick. */
async function search(page: Page, label: string, text: string, option: string | RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true })
  await box.click()
  await box.pressSequentially(text, { delay: 60 })
  await page.getByRole('option', { name: option }).first().click()
}

test.describe('Certificates', () => {
  test('moving a field in the editor changes the live PDF preview, and saving keeps it', async ({ page }) => {
    await openApp(page, '#/certificates')
    const name = unique('Moved template ')
    const id = await createTemplate(page, name)
    await openEditor(page, name)
    const frame = page.getByTestId('pdf-preview')
    const firstSrc = await frame.getAttribute('src')
    expect(firstSrc).toMatch(/^blob:/)

    const box = page.locator('[data-field-key="student_full_name"]')
    const before = await box.boundingBox()
    expect(before).not.toBeNull()
    const previewRequest = page.waitForRequest((r) => r.url().endsWith('/app/certificates.previewDraft') && (r.postDataJSON() as any).template.fields[0].left > 200)
    await page.mouse.move(before!.x + 20, before!.y + 10)
    await page.mouse.down()
    await page.mouse.move(before!.x + 80, before!.y + 40, { steps: 5 })
    await page.mouse.move(before!.x + 140, before!.y + 70, { steps: 5 })
    await page.mouse.up()

    const after = await box.boundingBox()
    expect(after!.x - before!.x).toBeCloseTo(120, -1)
    // The properties panel follows the field: left and top in template points.
    const left = Number(await page.getByRole('textbox', { name: 'Left' }).inputValue())
    const top = Number(await page.getByRole('textbox', { name: 'Top' }).inputValue())
    expect(left).toBeGreaterThan(200)
    expect(top).toBeGreaterThan(200)

    // The preview is made again from the moved field and shown from a new PDF.
    const request = await previewRequest
    const response = await request.response()
    expect(response!.headers()['content-type']).toBe('application/pdf')
    expect((await response!.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect((request.postDataJSON() as any).template.fields[0]).toMatchObject({ left, top })
    await expect(page.getByTestId('preview-status')).toHaveText(/Preview up to date/)
    await expect(frame).not.toHaveAttribute('src', firstSrc!)

    // Keyboard: the focused field moves with the arrow keys too.
    await box.focus()
    await page.keyboard.press('Shift+ArrowRight')
    await expect(page.getByRole('textbox', { name: 'Left' })).toHaveValue(String(left + 10))

    await page.getByRole('button', { name: 'Save template' }).click()
    await expect(page.getByText(`"${name}" was saved.`)).toBeVisible()
    const saved = await api<{ fields: { key: string; left: number; top: number }[] }>(page, 'GET', `/api/certificate_template/${id}`)
    expect(saved.fields[0]).toMatchObject({ key: 'student_full_name', left: left + 10, top })
  })

  test('a field is resized by its corner handle: it stops at the page edge and at 10 points, Alt+arrows resize it too, and the preview and the saved template follow', async ({ page }) => {
    await openApp(page, '#/certificates')
    const name = unique('Resized template ')
    const id = await createTemplate(page, name)
    await openEditor(page, name)
    const canvas = await page.getByTestId('template-canvas').boundingBox()
    const scale = canvas!.width / 1000
    const box = page.locator('[data-field-key="course_name"]')
    const handle = box.getByTestId('resize-handle')
    const width = page.getByRole('textbox', { name: 'Width', exact: true })
    const height = page.getByRole('textbox', { name: 'Height', exact: true })

    /** Drags the handle by (dx, dy) screen pixels, in steps as a hand would. */
    async function dragHandle(dx: number, dy: number): Promise<void> {
      const at = await handle.boundingBox()
      const x = at!.x + at!.width / 2
      const y = at!.y + at!.height / 2
      await page.mouse.move(x, y)
      await page.mouse.down()
      await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 })
      await page.mouse.move(x + dx, y + dy, { steps: 4 })
      await page.mouse.up()
    }

    // Larger by 60 x 24 page points; the field stays where it was.
    const before = await box.boundingBox()
    await dragHandle(60 * scale, 24 * scale)
    await expect(width).toHaveValue('560')
    await expect(height).toHaveValue('64')
    expect(Number(await page.getByRole('textbox', { name: 'Left' }).inputValue())).toBe(200)
    const after = await box.boundingBox()
    expect(after!.x).toBeCloseTo(before!.x, 0)
    expect(after!.width - before!.width).toBeCloseTo(60 * scale, -1)

    // Past the page's right and bottom edges it stops at them (page 1000 x 600, field at 200, 320).
    await dragHandle(2000, 2000)
    await expect(width).toHaveValue('800')
    await expect(height).toHaveValue('280')
    // Past its own corner it keeps 10 points a side.
    await dragHandle(-4000, -4000)
    await expect(width).toHaveValue('10')
    await expect(height).toHaveValue('10')

    // By keyboard: Alt+arrows resize the focused field a point, with Shift 10.
    const previewRequest = page.waitForRequest((r) => r.url().endsWith('/app/certificates.previewDraft') && (r.postDataJSON() as any).template.fields[1].width === 30)
    await box.focus()
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await page.keyboard.press('Alt+ArrowDown')
    await expect(width).toHaveValue('30')
    await expect(height).toHaveValue('11')
    expect((await previewRequest).postDataJSON().template.fields[1]).toMatchObject({ key: 'course_name', left: 200, top: 320, width: 30, height: 11 })
    await expect(page.getByTestId('preview-status')).toHaveText(/Preview up to date/)

    await page.getByRole('button', { name: 'Save template' }).click()
    await expect(page.getByText(`"${name}" was saved.`)).toBeVisible()
    const saved = await api<{ fields: { key: string; left: number; top: number; width: number; height: number }[] }>(page, 'GET', `/api/certificate_template/${id}`)
    expect(saved.fields[1]).toMatchObject({ key: 'course_name', left: 200, top: 320, width: 30, height: 11 })
    expect(saved.fields[0]).toMatchObject({ key: 'student_full_name', width: 500, height: 60 })
  })

  test('issues a certificate to a learner who finished and finds it under the learner\'s certificates', async ({ page }) => {
    await openApp(page, '#/certificates')
    await page.getByRole('tab', { name: 'Issue' }).click()
    await choose(page, 'Course', 'Workplace Safety Essentials')
    const table = page.getByRole('table', { name: 'Learners of Workplace Safety Essentials' })
    await page.getByLabel('Show').selectOption('issuable')
    await settled(table)
    const row = table.getByRole('row').filter({ hasText: 'Not issued yet' }).first()
    await expect(row).toBeVisible()
    const learner = (await row.getByRole('button').first().innerText()).trim()
    await row.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Issue certificates to 1 learner', exact: true }).click()
    await expect(page.getByText('1 certificate issued.', { exact: true })).toBeVisible()
    await expect(page.getByText('1 of 1 learner processed')).toBeVisible()
    await page.getByLabel('Show').selectOption('holders')
    await page.getByRole('searchbox', { name: 'Search learners' }).pressSequentially(learner, { delay: 60 })
    await settled(table)
    const issuedRow = table.getByRole('row').filter({ hasText: learner })
    await expect(issuedRow).toContainText(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await issuedRow.innerText())![1]

    await issuedRow.getByRole('button', { name: learner }).click()
    await expect(page.getByRole('tab', { name: 'Learner certificates' })).toHaveAttribute('aria-selected', 'true')
    const certificates = page.getByRole('table', { name: `Certificates of ${learner}` })
    const certificate = certificates.getByRole('row').filter({ hasText: 'Workplace Safety Essentials' })
    await expect(certificate).toContainText(code)

    // Download: a PDF file of that certificate.
    const download = page.waitForEvent('download')
    await certificate.getByRole('button', { name: 'Download the certificate for Workplace Safety Essentials' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(new RegExp(`${code}\\.pdf$`))
  })

  test('a course of 6,007 learners: real counts, the finishers past the 5,000th found, and all who finished issued', async ({ page }) => {
    test.setTimeout(180_000)
    await openApp(page, '#/certificates')
    // Set-up through the documented API: a course issuing template 1 with one module, 6,007
    // learners by bulk upload (the 7 who will finish come last and sort last), 7 completions.
    const tag = unique('mass')
    const course2 = await api<{ modules: { module_id: number }[] }>(page, 'GET', '/api/course/2')
    const moduleId = course2.modules[0].module_id
    const name = `Mass Induction ${tag}`
    const { id: courseId } = await api<{ id: number }>(page, 'POST', '/api/course', {
      name, slug: tag.toLowerCase(), status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited', certificateTemplates: [1], modules: [{ module_id: moduleId }],
    })
    const finishers = Array.from({ length: 7 }, (_, i) => ({ email: `zz.${tag}.${i}@example.org`.toLowerCase(), first_name: 'Zofia', last_name: `Finisher ${i + 1}` }))
    for (let b = 0; b < 2; b++) {
      const userList = Array.from({ length: 3000 }, (_, i) => ({ email: `m.${tag}.${b}.${i}@example.org`.toLowerCase(), first_name: 'Learner', last_name: `${b}-${String(i).padStart(4, '0')}` }))
      await api(page, 'POST', '/api/user/bulkUpload', { userList: b ? [...userList, ...finishers] : userList, selectedCourses: [courseId] })
    }
    const found = await api<{ records: { id: number; email: string }[] }>(page, 'GET', `/api/users/tabularlist?page_size=20&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: `zz.${tag}`.toLowerCase() }))}`)
    expect(found.records).toHaveLength(7)
    for (const u of found.records) {
      await api(page, 'PUT', `/api/course-progress/update/${courseId}`, { userId: u.id, modules: [{ module_id: moduleId, status: 'Completed' }] })
    }

    await page.getByRole('tab', { name: 'Issue' }).click()
    await search(page, 'Course', 'Mass Ind', name)
    const table = page.getByRole('table', { name: `Learners of ${name}` })
    await settled(table)
    await expect(page.getByTestId('candidate-counts')).toHaveText('6,007 learners enrolled: 7 finished, 7 of them without a certificate yet; 0 certificates issued.')
    await expect(page.getByText(/^Showing 1–25 of 6,?007 learners$/)).toBeVisible()
    await page.getByRole('button', { name: 'Select all who finished (7)' }).click()
    await expect(page.getByText('All 7 learners who finished and hold no certificate are selected, on every page.')).toBeVisible()
    await page.getByRole('button', { name: 'Issue certificates to 7 learners', exact: true }).click()
    await expect(page.getByText('7 certificates issued.', { exact: true })).toBeVisible()
    await expect(page.getByText('7 of 7 learners processed')).toBeVisible()
    await expect(page.getByTestId('candidate-counts')).toHaveText('6,007 learners enrolled: 7 finished, 0 of them without a certificate yet; 7 certificates issued.')

    // Stored: each finisher holds the course's certificate; nobody else got one.
    for (const u of found.records) {
      const held = await api<{ records: { courseId: number; code: string }[] }>(page, 'GET', `/api/user-certificates/${u.id}?page_size=10&page_number=1`)
      expect(held.records.filter((c) => c.courseId === courseId)).toHaveLength(1)
    }
    const holders = await api<{ recordsFiltered: number; counts: { holders: number } }>(page, 'POST', '/app/certificates.candidates', { courseId, page_size: 1, page_number: 1, search_param: { show: 'holders' } })
    expect(holders).toMatchObject({ recordsFiltered: 7, counts: { holders: 7 } })

    // The learner picker searches every user on the server and says how many match.
    await page.getByRole('tab', { name: 'Learner certificates' }).click()
    const picker = page.getByRole('combobox', { name: 'Learner', exact: true })
    await picker.click()
    await picker.pressSequentially(`m.${tag}.1.`.toLowerCase(), { delay: 60 })
    await expect(page.getByText(/^3,000 users match; 20 shown\. Type to narrow\.$/)).toBeVisible()
    await picker.fill('')
    await picker.pressSequentially('Zofia Finisher 7', { delay: 60 })
    // This run's Zofia (a repeated run adds another of that name): the option shows her email.
    await page.getByRole('option', { name: /^Zofia Finisher 7/ }).filter({ hasText: finishers[6].email }).click()
    await expect(page.getByRole('table', { name: 'Certificates of Zofia Finisher 7' })).toContainText(name)
  })

  test('the certificates screens have no serious accessibility violations', async ({ page }) => {
    await openApp(page, '#/certificates')
    await settled(page.getByRole('table', { name: 'Certificate templates' }))
    expect(await seriousViolations(page)).toEqual([])

    const name = unique('Axe template ')
    await createTemplate(page, name)
    await openEditor(page, name)
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Back to templates' }).click()
    await page.getByRole('tab', { name: 'Issue' }).click()
    await choose(page, 'Course', 'First Aid at Work')
    await expect(page.getByRole('table', { name: 'Learners of First Aid at Work' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('tab', { name: 'Learner certificates' }).click()
    await search(page, 'Learner', 'Demo Stu', /^Demo Student/)
    await expect(page.getByRole('table', { name: 'Certificates of Demo Student' })).toContainText('course 1')
    expect(await seriousViolations(page)).toEqual([])
  })
})
