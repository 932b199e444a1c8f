// Certificates screen in browser mode: move a field in the editor and see the PDF preview
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

  test('issues a certificate to a learner who finished and finds it under the learner\'s certificates', async ({ page }) => {
    await openApp(page, '#/certificates')
    await page.getByRole('tab', { name: 'Issue' }).click()
    await choose(page, 'Course', 'Workplace Safety Essentials')
    const table = page.getByRole('table', { name: 'Learners of Workplace Safety Essentials' })
    const row = table.getByRole('row').filter({ hasText: 'Not issued yet' }).first()
    await expect(row).toBeVisible()
    const learner = (await row.getByRole('button').first().innerText()).trim()
    await row.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Issue certificates to 1 learner(s)' }).click()
    await expect(page.getByText('1 certificate(s) issued.')).toBeVisible()
    await expect(page.getByText('1 of 1 learner(s) processed')).toBeVisible()
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
    await choose(page, 'Learner', /^Demo Student/)
    await expect(page.getByRole('table', { name: 'Certificates of Demo Student' })).toContainText('course 1')
    expect(await seriousViolations(page)).toEqual([])
  })
})
