// Unsaved work is never dropped silently: the certificate template editor and every
// admin, users and courses form ask before their changes are thrown away, whichever way
// they are left (their own back or cancel button, Esc, the X, a click outside, the
// navigation, the address). Esc in a picker closes the picker only. Typed at a person's
// speed (50-80 ms per key); what was stored is checked through the API.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { api, createUser, openApp, settled, unique } from './helpers'

const KEY_DELAY = 60
const type = (box: Locator, text: string) => box.pressSequentially(text, { delay: KEY_DELAY })
/** One key, then the pause a person leaves before the next. */
async function press(page: Page, key: string) {
  await page.keyboard.press(key)
  await page.waitForTimeout(KEY_DELAY)
}

const askDialog = (page: Page) => page.getByRole('dialog', { name: 'Discard unsaved changes?' })

async function keepEditing(page: Page) {
  const ask = askDialog(page)
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Keep editing' }).click()
  await expect(ask).toBeHidden()
}

async function createTemplate(page: Page, name: string): Promise<number> {
  const { id } = await api<{ id: number }>(page, 'POST', '/api/certificate_template', {
    name,
    height: 600,
    width: 1000,
    fields: [{ key: 'student_full_name', value: 'Student Full Name', font_size: 30, align_center: true, font_family: 'Arial', font_color: '#1f3a5f', top: 200, left: 200, width: 500, height: 60 }],
  })
  return id
}

async function openTemplate(page: Page, name: string) {
  const table = page.getByRole('table', { name: 'Certificate templates' })
  await page.getByRole('searchbox', { name: 'Search templates' }).fill(name)
  await settled(table)
  await page.getByRole('button', { name: `Edit ${name}` }).click()
  await expect(page.getByRole('heading', { name: `Edit template: ${name}` })).toBeVisible()
}

test.describe('Unsaved work', () => {
  test('template editor: Back to templates, the navigation and the tabs ask before dropping edits; saved work leaves freely', async ({ page }) => {
    await openApp(page, '#/certificates')
    const name = unique('Guarded template ')
    const id = await createTemplate(page, name)
    await openTemplate(page, name)
    const nameBox = page.getByRole('textbox', { name: 'Template name' })
    await nameBox.click()
    await press(page, 'End')
    await type(nameBox, ' v2')

    await page.getByRole('button', { name: 'Back to templates' }).click()
    await keepEditing(page)
    await expect(nameBox).toHaveValue(`${name} v2`)

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
    await keepEditing(page)
    await expect(page).toHaveURL(/#\/certificates/)
    await expect(nameBox).toHaveValue(`${name} v2`)

    await page.getByRole('tab', { name: 'Issue' }).click()
    await keepEditing(page)
    await expect(page.getByRole('tab', { name: 'Templates' })).toHaveAttribute('aria-selected', 'true')
    await expect(nameBox).toHaveValue(`${name} v2`)

    // Discarding goes back to the list and stores nothing.
    await page.getByRole('button', { name: 'Back to templates' }).click()
    await askDialog(page).getByRole('button', { name: 'Discard changes' }).click()
    await expect(page.getByRole('table', { name: 'Certificate templates' })).toBeVisible()
    expect((await api<{ name: string }>(page, 'GET', `/api/certificate_template/${id}`)).name).toBe(name)

    // Saved edits leave without a question.
    await openTemplate(page, name)
    await nameBox.click()
    await press(page, 'End')
    await type(nameBox, ' v3')
    await page.getByRole('button', { name: 'Save template' }).click()
    await expect(page.getByText(`"${name} v3" was saved.`)).toBeVisible()
    await page.getByRole('button', { name: 'Back to templates' }).click()
    await expect(page.getByRole('table', { name: 'Certificate templates' })).toBeVisible()
    await expect(askDialog(page)).toHaveCount(0)
    expect((await api<{ name: string }>(page, 'GET', `/api/certificate_template/${id}`)).name).toBe(`${name} v3`)
  })

  test('coupon form: Esc in the date field keeps the form; Esc, the X, a click outside and the address ask first', async ({ page }) => {
    await openApp(page, '#/users')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coupons' }).click()
    await settled(page.getByRole('table', { name: 'Coupons' }))
    await page.getByRole('button', { name: 'New coupon' }).click()
    const dialog = page.getByRole('dialog', { name: 'New coupon' })
    const code = unique('KEEP').toUpperCase()
    await type(dialog.getByRole('textbox', { name: 'Code' }), code)
    await type(dialog.getByRole('textbox', { name: 'Value' }), '15')
    const expiry = dialog.getByLabel('Expires on')
    await expiry.focus()
    await type(expiry, '06')
    // Esc in the date field: the field keeps its part of the date, the form stays open.
    await press(page, 'Escape')
    await expect(dialog).toBeVisible()
    await expect(askDialog(page)).toHaveCount(0)
    await type(expiry, '302030')
    await expect(expiry).toHaveValue('2030-06-30')

    // Esc in a select's open list closes the list only.
    await dialog.getByRole('combobox', { name: 'Type' }).click()
    await expect(page.getByRole('listbox')).toBeVisible()
    await press(page, 'Escape')
    await expect(page.getByRole('listbox')).toBeHidden()
    await expect(dialog).toBeVisible()
    await expect(askDialog(page)).toHaveCount(0)

    // Esc elsewhere, the X, a click outside and a typed address all ask first.
    await dialog.getByRole('textbox', { name: 'Code' }).click()
    await press(page, 'Escape')
    await keepEditing(page)
    await dialog.getByRole('button', { name: 'Close dialog' }).click()
    await keepEditing(page)
    await page.mouse.click(5, 400)
    await keepEditing(page)
    await page.evaluate("window.location.hash = '#/users'")
    await keepEditing(page)
    await expect(page).toHaveURL(/#\/coupons/)
    await expect(dialog.getByRole('textbox', { name: 'Code' })).toHaveValue(code)
    await expect(dialog.getByRole('textbox', { name: 'Value' })).toHaveValue('15')
    await expect(expiry).toHaveValue('2030-06-30')

    await dialog.getByRole('button', { name: 'Create coupon' }).click()
    await expect(dialog).toBeHidden()
    const stored = await api<{ records: { code: string; expired_at: string }[] }>(page, 'GET', `/api/coupons/tabularlist?search_param=${encodeURIComponent(JSON.stringify({ code }))}`)
    expect(stored.records.map((c) => c.code)).toEqual([code])
  })

  test('coupon form shows every field error at once, an unfinished date among them, and stores nothing', async ({ page }) => {
    await openApp(page, '#/coupons')
    await settled(page.getByRole('table', { name: 'Coupons' }))
    await page.getByRole('button', { name: 'New coupon' }).click()
    const dialog = page.getByRole('dialog', { name: 'New coupon' })
    const code = unique('TWO WORDS')
    await type(dialog.getByRole('textbox', { name: 'Code' }), code)
    await type(dialog.getByRole('textbox', { name: 'Value' }), '150')
    const expiry = dialog.getByLabel('Expires on')
    await expiry.focus()
    await type(expiry, '0631')
    await dialog.getByRole('button', { name: 'Create coupon' }).click()
    await expect(dialog.getByText('The code may not contain spaces.')).toBeVisible()
    await expect(dialog.getByText('A percentage discount must be between 0 and 100.')).toBeVisible()
    await expect(dialog.getByText(/date is not complete/)).toBeVisible()
    await expect(expiry).toHaveAttribute('aria-invalid', 'true')
    const stored = await api<{ recordsFiltered: number }>(page, 'GET', `/api/coupons/tabularlist?search_param=${encodeURIComponent(JSON.stringify({ code: code.split(' ')[0] }))}`)
    expect(stored.recordsFiltered).toBe(0)
  })

  test('user, course and enroll forms ask before their changes are dropped', async ({ page }) => {
    await openApp(page, '#/users')
    await page.getByRole('button', { name: 'New user' }).click()
    const user = page.getByRole('dialog', { name: 'New user' })
    await type(user.getByRole('textbox', { name: 'First name' }), 'Halima')
    await press(page, 'Escape')
    await keepEditing(page)
    await expect(user.getByRole('textbox', { name: 'First name' })).toHaveValue('Halima')
    await user.getByRole('button', { name: 'Cancel' }).click()
    await askDialog(page).getByRole('button', { name: 'Discard changes' }).click()
    await expect(user).toBeHidden()
    // An untouched form closes at once, and opens empty again.
    await page.getByRole('button', { name: 'New user' }).click()
    await expect(user.getByRole('textbox', { name: 'First name' })).toHaveValue('')
    await press(page, 'Escape')
    await expect(user).toBeHidden()
    await expect(askDialog(page)).toHaveCount(0)

    await page.goto('/#/courses')
    const table = page.getByRole('table', { name: 'Courses' })
    await settled(table)
    // Other tests add courses to the shared world: find this one rather than expect it on page 1.
    await page.getByRole('searchbox', { name: 'Search courses' }).or(page.getByRole('textbox', { name: 'Search courses' })).pressSequentially('First Aid at Work', { delay: 60 })
    await expect(table.getByRole('button', { name: 'Edit First Aid at Work' })).toBeVisible()
    await settled(table)
    await table.getByRole('button', { name: 'Edit First Aid at Work' }).click()
    const course = page.getByRole('dialog', { name: 'Edit course' })
    const courseName = course.getByRole('textbox', { name: 'Name' })
    await expect(courseName).toHaveValue('First Aid at Work')
    await courseName.click()
    await press(page, 'End')
    await type(courseName, ' II')
    await page.mouse.click(5, 400)
    await keepEditing(page)
    await course.getByRole('button', { name: 'Close dialog' }).click()
    await askDialog(page).getByRole('button', { name: 'Discard changes' }).click()
    await expect(course).toBeHidden()
    const renamed = await api<{ recordsFiltered: number }>(page, 'GET', `/api/courses/tabularlist?search_param=${encodeURIComponent(JSON.stringify({ courseName: 'First Aid at Work II' }))}`)
    expect(renamed.recordsFiltered).toBe(0)

    const learner = await createUser(page, 'unsaved')
    await table.getByRole('link', { name: 'First Aid at Work' }).click()
    await expect(page).toHaveURL(/#\/courses\/\d+$/)
    const courseUrl = page.url()
    await page.getByRole('button', { name: 'Enroll students' }).click()
    const enroll = page.getByRole('dialog', { name: 'Enroll students in First Aid at Work' })
    const picker = enroll.getByRole('combobox', { name: 'Students' })
    await picker.click()
    await type(picker, learner.email)
    await page.getByRole('listbox', { name: 'Students' }).getByRole('option').first().click()
    await expect(enroll.getByText('1 student selected.')).toBeVisible()
    // The first Esc closes the open list, the second asks.
    await press(page, 'Escape')
    await expect(enroll).toBeVisible()
    await expect(askDialog(page)).toHaveCount(0)
    await press(page, 'Escape')
    await keepEditing(page)
    await expect(enroll.getByText('1 student selected.')).toBeVisible()
    // The browser's back button (to the course list) asks too.
    await page.evaluate("window.location.hash = '#/courses'")
    await keepEditing(page)
    expect(page.url()).toBe(courseUrl)
    await expect(enroll.getByText('1 student selected.')).toBeVisible()
  })
})
