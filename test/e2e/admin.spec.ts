// The admin screens (one generic list-and-form page, one configuration per group): each
// opened, one record created and edited through its form, field errors and documented
// refusals shown, and axe on each screen.
import { expect, test, type Page } from '@playwright/test'
import { generateSync } from 'otplib'
import { api, createUser, openApp, seriousViolations, settled, unique } from './helpers'

async function openCreate(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  return dialog
}

/** Types into the search box and waits for the table to answer. */
async function search(page: Page, label: string, text: string) {
  await page.getByRole('searchbox', { name: label }).fill(text)
  const table = page.getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(2) // header + the one match
  await settled(table)
  return table
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

test.describe('Admin screens', () => {
  test('the navigation lists the admin screens under an Admin heading', async ({ page }) => {
    await openApp(page, '#/users')
    const nav = page.getByRole('navigation')
    await expect(nav.getByText('Admin', { exact: true })).toBeVisible()
    for (const name of ['Announcements', 'Badges', 'Categories', 'Coupons', 'Assignments', 'Discussions', 'Audit log', 'Accredible']) {
      await nav.getByRole('link', { name }).click()
      await expect(page.getByRole('heading', { level: 1, name })).toBeFocused()
    }
  })

  test('announcements: create for specific users, edit, axe', async ({ page }) => {
    await openApp(page, '#/announcements')
    await expect(page.getByRole('heading', { level: 1, name: 'Announcements' })).toBeVisible()
    await settled(page.getByRole('table', { name: 'Announcements' }))
    expect(await seriousViolations(page)).toEqual([])

    const heading = unique('Drill ')
    const dialog = await openCreate(page, 'New announcement')
    await dialog.getByRole('textbox', { name: 'Heading' }).fill(heading)
    await dialog.getByRole('textbox', { name: 'Content' }).fill('Meet at the car park.')
    await chooseOption(page, 'Send to', 'Specific users')
    // No users chosen yet: the engine's field error appears under the input.
    await dialog.getByRole('button', { name: 'Create announcement' }).click()
    await expect(dialog.getByText('The user ids field is required when sending rules is specific_users.')).toBeVisible()
    // The invalid Users input took focus and opened its option list. Its options are reached
    // with the arrow keys (aria-activedescendant), which axe's scrollable-region rule cannot
    // see; the form with its errors is checked with the list closed.
    await dialog.getByRole('heading', { name: 'New announcement' }).click()
    await expect(page.getByRole('listbox')).toBeHidden()
    expect(await seriousViolations(page)).toEqual([])
    // The picker searches every user on the server: typing finds one not among the first offered.
    await dialog.getByLabel('Users').click()
    await dialog.getByLabel('Users').pressSequentially('John D', { delay: 60 })
    await page.getByRole('listbox', { name: 'Users' }).getByRole('option', { name: /John Doe/ }).click()
    await dialog.getByLabel('Users').press('Escape')
    await dialog.getByRole('button', { name: 'Create announcement' }).click()
    await expect(dialog).toBeHidden()

    const table = await search(page, 'Search announcements', heading)
    await expect(table.getByRole('cell', { name: 'Specific users', exact: true })).toBeVisible()
    await table.getByRole('button', { name: `Edit ${heading}` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit announcement' })
    await expect(edit.getByRole('textbox', { name: 'Heading' })).toHaveValue(heading)
    await edit.getByRole('textbox', { name: 'Heading' }).fill(`${heading} moved`)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await search(page, 'Search announcements', `${heading} moved`)
  })

  test('badges: create, edit, axe, and a held badge is not deleted', async ({ page }) => {
    await openApp(page, '#/badges')
    await settled(page.getByRole('table', { name: 'Badges' }))
    expect(await seriousViolations(page)).toEqual([])

    const title = unique('Star ')
    const dialog = await openCreate(page, 'New badge')
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
    await dialog.getByRole('textbox', { name: 'Points' }).fill('30')
    await dialog.getByRole('button', { name: 'Create badge' }).click()
    await expect(dialog).toBeHidden()
    const table = await search(page, 'Search badges', title)
    await expect(table.getByRole('cell', { name: '30', exact: true })).toBeVisible()
    await table.getByRole('button', { name: `Edit ${title}` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit badge' })
    await expect(edit.getByRole('textbox', { name: 'Points' })).toHaveValue('30')
    await edit.getByRole('textbox', { name: 'Points' }).fill('45')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await expect(table.getByRole('cell', { name: '45', exact: true })).toBeVisible()

    // Demo badge "Gold" is held by a learner: the engine's refusal is shown, the badge stays.
    await search(page, 'Search badges', 'Gold')
    await table.getByRole('button', { name: 'Delete Gold' }).first().click()
    const confirm = page.getByRole('dialog', { name: 'Delete badge' })
    await expect(confirm).toContainText('A badge that learners hold is not deleted.')
    await confirm.getByRole('button', { name: 'Delete badge' }).click()
    await expect(page.getByText(/1 badge\(s\) not deleted as they are assigned to users/)).toBeVisible()
    await expect(table.getByRole('cell', { name: 'Gold', exact: true }).first()).toBeVisible()
  })

  test('categories: each kind listed, a question category created and renamed, a duplicate refused, axe', async ({ page }) => {
    await openApp(page, '#/categories')
    const table = page.getByRole('table', { name: 'Categories' })
    await settled(table)
    await expect(table.getByRole('cell', { name: 'Health & Safety', exact: true })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('radiogroup', { name: 'Kind' }).getByText('Question', { exact: true }).click()
    await expect(page.getByRole('radio', { name: 'Question' })).toBeChecked()
    await expect(table.getByRole('cell', { name: 'Question-cat', exact: true })).toBeVisible()

    const name = unique('Ladders ')
    const dialog = await openCreate(page, 'New category')
    await expect(dialog.getByRole('combobox', { name: 'Kind' })).toHaveValue('Question')
    await dialog.getByRole('textbox', { name: 'Name' }).fill('question-CAT')
    await dialog.getByRole('button', { name: 'Create category' }).click()
    await expect(dialog.getByText('A question category named "question-CAT" already exists.')).toBeVisible()
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused()
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('button', { name: 'Create category' }).click()
    await expect(dialog).toBeHidden()

    await search(page, 'Search categories', name)
    await table.getByRole('button', { name: `Edit ${name}` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit category' })
    await expect(edit.getByRole('combobox', { name: 'Kind' })).toBeDisabled()
    await edit.getByRole('textbox', { name: 'Name' }).fill(`${name} and steps`)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await search(page, 'Search categories', `${name} and steps`)
  })

  test('coupons: a percentage over 100 refused under its field, create, edit, used coupon kept, axe', async ({ page }) => {
    await openApp(page, '#/coupons')
    const table = page.getByRole('table', { name: 'Coupons' })
    await settled(table)
    expect(await seriousViolations(page)).toEqual([])

    const code = unique('SAVE').toUpperCase()
    const dialog = await openCreate(page, 'New coupon')
    await dialog.getByRole('textbox', { name: 'Code' }).fill(code)
    await dialog.getByRole('textbox', { name: 'Value' }).fill('150')
    await dialog.getByRole('button', { name: 'Create coupon' }).click()
    await expect(dialog.getByText('A percentage discount must be between 0 and 100.')).toBeVisible()
    await expect(dialog.getByRole('textbox', { name: 'Value' })).toHaveAttribute('aria-invalid', 'true')
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('textbox', { name: 'Value' }).fill('15')
    await dialog.getByRole('button', { name: 'Create coupon' }).click()
    await expect(dialog).toBeHidden()
    // The page says what was saved, and keeps saying it (not only a passing notification).
    const notice = page.getByTestId('saved-notice')
    await expect(notice).toHaveText(`Coupon “${code}” created.`)
    await expect(notice).toHaveAttribute('role', 'status')

    await search(page, 'Search coupons', code)
    await expect(table.getByRole('cell', { name: '15%' })).toBeVisible()
    await table.getByRole('button', { name: `Edit coupon ${code}` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit coupon' })
    await expect(edit.getByRole('textbox', { name: 'Value' })).toHaveValue('15')
    await edit.getByRole('textbox', { name: 'Usage limit' }).fill('40')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await expect(notice).toHaveText(`Coupon “${code}” saved.`)
    await page.waitForTimeout(7000)
    await expect(notice).toBeVisible()
    await expect(table.getByRole('cell', { name: '40', exact: true })).toBeVisible()

    // SPRING25 was used by an order: the documented refusal is shown and it stays.
    await search(page, 'Search coupons', 'SPRING25')
    await table.getByRole('button', { name: 'Delete coupon SPRING25' }).click()
    await page.getByRole('dialog', { name: 'Delete coupon' }).getByRole('button', { name: 'Delete coupon' }).click()
    await expect(page.getByText('0 coupon(s) deleted 1 coupon(s) not deleted as they are associated with orders')).toBeVisible()
    await expect(table.getByRole('cell', { name: 'SPRING25', exact: true })).toBeVisible()
  })

  test('assignments: create a file assignment, edit its points, no delete offered (the API has none), axe', async ({ page }) => {
    await openApp(page, '#/assignments')
    await settled(page.getByRole('table', { name: 'Assignments' }))
    expect(await seriousViolations(page)).toEqual([])
    const name = unique('Site photos ')
    const dialog = await openCreate(page, 'New assignment')
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: 'Instructions' }).fill('Upload two photos of the fire exits.')
    await chooseOption(page, 'Learners submit', 'A file')
    // A file assignment needs its file types: the engine's field error appears under the input.
    await dialog.getByRole('button', { name: 'Create assignment' }).click()
    await expect(dialog.getByText(/allowed filetypes field is required/i)).toBeVisible()
    await dialog.getByRole('heading', { name: 'New assignment' }).click()
    await dialog.getByLabel('Allowed file types').click()
    await page.getByRole('option', { name: 'Images', exact: true }).click()
    await dialog.getByRole('heading', { name: 'New assignment' }).click()
    await dialog.getByRole('textbox', { name: 'Total points' }).fill('20')
    await dialog.getByRole('button', { name: 'Create assignment' }).click()
    await expect(dialog).toBeHidden()
    const table = await search(page, 'Search assignments', name)
    await expect(table.getByRole('cell', { name: '20', exact: true })).toBeVisible()
    await expect(table.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
    await table.getByRole('button', { name: `Edit assignment "${name}"` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit assignment' })
    await expect(edit.getByRole('textbox', { name: 'Total points' })).toHaveValue('20')
    await edit.getByRole('textbox', { name: 'Total points' }).fill('25')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await expect(table.getByRole('cell', { name: '25', exact: true })).toBeVisible()
  })

  test('discussions: create an evaluated discussion, rename it, axe', async ({ page }) => {
    await openApp(page, '#/discussions')
    await settled(page.getByRole('table', { name: 'Discussions' }))
    expect(await seriousViolations(page)).toEqual([])
    const name = unique('Near misses ')
    const dialog = await openCreate(page, 'New discussion')
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: 'Topic' }).fill('Share one near miss from last month.')
    await chooseOption(page, 'Evaluated', 'Yes: a minimum number of comments passes')
    await dialog.getByRole('textbox', { name: 'Minimum comments' }).fill('2')
    await dialog.getByRole('button', { name: 'Create discussion' }).click()
    await expect(dialog).toBeHidden()
    const table = await search(page, 'Search discussions', name)
    await table.getByRole('button', { name: `Edit discussion "${name}"` }).click()
    const edit = page.getByRole('dialog', { name: 'Edit discussion' })
    await expect(edit.getByRole('textbox', { name: 'Minimum comments' })).toHaveValue('2')
    await edit.getByRole('textbox', { name: 'Name' }).fill(`${name} (2027)`)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    await search(page, 'Search discussions', `${name} (2027)`)
  })

  test('audit log: read only, lists what was just done, axe', async ({ page }) => {
    await openApp(page, '#/users')
    await createUser(page, 'audit')
    await openApp(page, '#/audit')
    const table = page.getByRole('table', { name: 'Audit log' })
    await settled(table)
    expect(await seriousViolations(page)).toEqual([])
    await expect(page.getByRole('button', { name: /^New / })).toHaveCount(0)
    await expect(table.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0)
    // Newest first: the user just created.
    await expect(table.getByRole('row').nth(1)).toContainText(/created/i)
  })

  test('accredible: the groups from the last sync, and a key check refused offline with the reason, axe', async ({ page }) => {
    await openApp(page, '#/accredible')
    await expect(page.getByRole('heading', { level: 1, name: 'Accredible' })).toBeVisible()
    const groups = page.getByRole('table', { name: 'Groups' })
    await expect(groups.getByRole('cell', { name: 'group_aom_course', exact: true })).toBeVisible()
    await expect(page.getByText(/As of the last sync/)).toBeVisible()
    await page.getByRole('textbox', { name: 'Accredible API key' }).fill('test-key-123')
    await page.getByRole('button', { name: 'Check key' }).click()
    await expect(page.getByRole('alert')).toContainText(/network/i)
    expect(await seriousViolations(page)).toEqual([])
  })

  test('two-factor on the user edit screen: a wrong code refused, the current code turns it on, then off', async ({ page }) => {
    await openApp(page, '#/users')
    const user = await createUser(page, 'twofa')
    await page.getByRole('searchbox', { name: 'Search users' }).fill(user.email)
    const table = page.getByRole('table', { name: 'Users' })
    await expect(table.getByRole('row')).toHaveCount(2)
    await table.getByRole('button', { name: `Edit ${user.firstName} ${user.lastName}` }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit user' })
    const panel = dialog.getByRole('region', { name: 'Two-factor authentication' })
    await expect(panel.getByText('Off', { exact: true })).toBeVisible()
    await panel.getByRole('button', { name: 'Set up' }).click()
    await expect(panel.getByRole('img', { name: 'QR code for the authenticator app' })).toBeVisible()
    const secret = (await panel.getByTestId('two-factor-key').innerText()).trim()
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    expect(await seriousViolations(page)).toEqual([])

    const now = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) })
    const wrong = String((Number(now) + 500_000) % 1_000_000).padStart(6, '0')
    await panel.getByRole('textbox', { name: 'Code from the app' }).fill(wrong)
    await panel.getByRole('button', { name: 'Turn on' }).click()
    await expect(panel.getByText(/The code is not valid/)).toBeVisible()
    await expect(panel.getByText('Off', { exact: true })).toBeVisible()

    await panel.getByRole('textbox', { name: 'Code from the app' }).fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) }))
    await panel.getByRole('button', { name: 'Turn on' }).click()
    await expect(panel.getByText('On', { exact: true })).toBeVisible()
    await panel.getByRole('button', { name: 'Turn off' }).click()
    await expect(panel.getByText('Off', { exact: true })).toBeVisible()
  })

  test('badges show their icons as images, and the form explains the organization id', async ({ page }) => {
    await openApp(page, '#/badges')
    const table = page.getByRole('table', { name: 'Badges' })
    await settled(table)
    const icon = table.getByRole('row').filter({ hasText: 'Safety Champion' }).getByRole('img', { name: 'Badge 2' })
    await expect(icon).toBeVisible()
    expect(await icon.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0)).toBe(true)
    await expect(table).not.toContainText('/images/badges/')

    await page.getByRole('button', { name: 'New badge', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'New badge' })
    await expect(dialog.getByRole('textbox', { name: 'Organization ID' })).toHaveAccessibleDescription(/organization the badge belongs to/)
    // The chosen icon beside its name, and each choice with its image.
    await expect(dialog.getByRole('combobox', { name: 'Icon' })).toHaveValue('Badge 1')
    const chosen = dialog.locator('img').first()
    await expect(chosen).toBeVisible()
    expect(await chosen.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true)
    await dialog.getByRole('combobox', { name: 'Icon' }).click()
    await expect(page.getByRole('option', { name: 'Badge 3' }).locator('img')).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })

  test('audit log rows name their record with a link, and are filtered by record name, type and action on the server', async ({ page }) => {
    await openApp(page, '#/users')
    const kept = await createUser(page, 'audited')
    await api(page, 'PUT', `/api/user/${kept.id}`, { firstName: 'Adaline', lastName: kept.lastName, email: kept.email })
    const gone = await createUser(page, 'auditgone')
    await api(page, 'POST', '/api/user/delete', { delete_ids: [gone.id] })
    const keptName = `Adaline ${kept.lastName}`

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
    const table = page.getByRole('table', { name: 'Audit log' })
    await settled(table)
    // The newest row: which user was deleted, by name, with no link (there is nothing to open).
    const first = table.locator('tbody tr').first()
    await expect(first).toContainText('Deleted')
    await expect(first).toContainText(`${gone.firstName} ${gone.lastName} (deleted)`)
    await expect(first.getByRole('link')).toHaveCount(0)

    const recordName = page.getByRole('searchbox', { name: 'Record name' })
    await recordName.pressSequentially(kept.lastName.split(' ')[1], { delay: 60 })
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await expect(page.getByText('Showing 1–2 of 2 entries')).toBeVisible()
    await expect(table.getByRole('link', { name: keptName })).toHaveCount(2)
    await page.getByLabel('Action').selectOption('updated')
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await expect(table.locator('tbody tr')).toContainText('Updated')
    await expect(table.locator('tbody tr')).toContainText('first name')
    const search = { subject_name: kept.lastName.split(' ')[1], activityName: 'updated' }
    const answer = await api<{ recordsFiltered: number }>(page, 'GET', `/api/audit-activities?search_param=${encodeURIComponent(JSON.stringify(search))}`)
    expect(answer.recordsFiltered).toBe(1)
    await expect(page).toHaveURL(/action=updated/)

    // The filters survive a reload; the link opens the user.
    await page.reload()
    await expect(recordName).toHaveValue(kept.lastName.split(' ')[1])
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await table.getByRole('link', { name: keptName }).click()
    const form = page.getByRole('dialog', { name: 'Edit user' })
    await expect(form.getByRole('textbox', { name: 'Email' })).toHaveValue(kept.email)
    await form.getByRole('button', { name: 'Cancel' }).click()

    // Back in the log: only courses.
    await page.goBack()
    await recordName.fill('')
    await page.getByLabel('Action').selectOption('')
    await page.getByLabel('Record type').selectOption('Course')
    await expect(page).toHaveURL(/#\/audit\?type=Course$/)
    await settled(table)
    const types = await table.locator('tbody tr td:nth-child(4)').allInnerTexts()
    expect(types.length).toBeGreaterThan(0)
    expect(types.every((t) => t.startsWith('Course'))).toBe(true)
    const courses = await api<{ recordsFiltered: number }>(page, 'GET', `/api/audit-activities?search_param=${encodeURIComponent(JSON.stringify({ effect_on: 'Course' }))}`)
    await expect(page.getByText(new RegExp(`of ${courses.recordsFiltered} entries`))).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })
})
