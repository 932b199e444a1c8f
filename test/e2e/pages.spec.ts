// The renderer is split by page: the first load is the shell and the page it opens on, every
// other page loads its own chunk when opened. Every page opens (from a fresh load and by
// in-app navigation) with no script error; the first load's scripts come compressed with a
// year of immutable caching, carry no zod, and stay under the size target.
import { expect, test, type Response } from '@playwright/test'
import { openApp } from './helpers'

const PAGES: [hash: string, heading: string][] = [
  ['users', 'Users'],
  ['courses', 'Courses'],
  ['grading', 'Grading'],
  ['attendance', 'Attendance'],
  ['import', 'Import users'],
  ['certificates', 'Certificates'],
  ['announcements', 'Announcements'],
  ['badges', 'Badges'],
  ['categories', 'Categories'],
  ['coupons', 'Coupons'],
  ['assignments', 'Assignments'],
  ['discussions', 'Discussions'],
  ['audit', 'Audit log'],
  ['accredible', 'Accredible'],
  ['sync', 'Sync'],
  ['pending', 'Pending changes'],
]

test.describe('Pages split into chunks', () => {
  test('every page opens on a fresh load and by navigation, without a script error', async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    for (const [hash, heading] of PAGES) {
      await openApp(page, `#/${hash}`)
      await expect(page.getByRole('heading', { level: 1, name: heading }), hash).toBeVisible()
    }
    // In-app: each page's chunk loads on the way, and the heading takes focus.
    await openApp(page, '#/users')
    for (const [hash, heading] of [...PAGES].reverse()) {
      // Text, not a function: the tests are type-checked without the DOM library.
      await page.evaluate(`window.location.hash = ${JSON.stringify(`#/${hash}`)}`)
      await expect(page.getByRole('heading', { level: 1, name: heading }), hash).toBeFocused()
    }
    expect(errors).toEqual([])
  })

  test('the first load is compressed, cached for good, without zod, and small', async ({ page }) => {
    const scripts: Response[] = []
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r)
    })
    await openApp(page, '#/users')
    await expect(page.getByRole('table', { name: 'Users' })).toBeVisible()
    expect(scripts.length).toBeGreaterThan(1)
    let transferred = 0
    for (const r of scripts) {
      const headers = await r.allHeaders()
      // Files under 1 KB go as they are: the headers would cost more than compression saves.
      if (headers['content-encoding'] === undefined) expect(Number(headers['content-length']), r.url()).toBeLessThan(1024)
      else expect(headers['content-encoding'], r.url()).toBe('br')
      expect(headers['cache-control'], r.url()).toBe('public, max-age=31536000, immutable')
      expect(await r.text(), r.url()).not.toMatch(/ZodError|\$ZodType/)
      transferred += Number(headers['content-length'])
    }
    // The target is 300 KB of compressed script for the first page (npm run bench reports it).
    expect(transferred).toBeLessThan(300 * 1024)
    // The page itself is never stored: it carries the run's token.
    const html = await page.request.get('/')
    expect(html.headers()['cache-control']).toBe('no-store')
  })
})
