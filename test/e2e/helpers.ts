// Shared steps for the browser-mode tests. Everything goes through the real server
// started by playwright.config.ts; nothing is mocked.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Locator, type Page } from '@playwright/test'

/** Unique per run (and per call), so tests never collide on emails or names. */
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
let counter = 0
export function unique(tag: string): string {
  counter += 1
  return `${tag}${runId}${counter}`
}
export const uniqueEmail = (tag: string) => `e2e.${unique(tag)}@example.org`

/**
 * Calls the local server's documented API as the app's page does: a same-origin fetch from the
 * page, with the session cookie the run signed in with (global-setup.ts). Used to set up data a
 * test is not about. A page not yet on the app is first sent to it.
 */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const origin = new URL(test.info().project.use.baseURL as string).origin
  if (!page.url().startsWith(origin)) await page.goto('/')
  const answer = await page.evaluate(
    async ([m, p, b]) => {
      const response = await fetch(p, { method: m, headers: b === undefined ? {} : { 'Content-Type': 'application/json' }, body: b })
      return { status: response.status, ok: response.ok, text: await response.text() }
    },
    [method, path, body === undefined ? undefined : JSON.stringify(body)] as const,
  )
  const json = (answer.text ? JSON.parse(answer.text) : null) as unknown
  if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`)
  return json as T
}

/** Every change record waiting for sync (app.changes), read a page at a time on from the last id, so none is missed however many wait. */
export async function pendingChangeRecords<T extends { id: number }>(page: Page): Promise<T[]> {
  const all: T[] = []
  for (;;) {
    const batch = await api<T[]>(page, 'POST', '/app/app.changes', { limit: 1000, afterId: all.at(-1)?.id ?? 0 })
    all.push(...batch)
    if (batch.length < 1000) return all
  }
}

export interface CreatedUser {
  id: number
  firstName: string
  lastName: string
  email: string
}

/** Creates a user through POST /api/user/create (the page must be open on the app). */
export async function createUser(page: Page, tag: string): Promise<CreatedUser> {
  const user = { firstName: 'Ada', lastName: `Tester ${unique('')}`, email: uniqueEmail(tag) }
  const { id } = await api<{ id: number }>(page, 'POST', '/api/user/create', {
    ...user,
    password: 'long enough password',
    password_confirmation: 'long enough password',
  })
  return { id, ...user }
}

/** Waits until a server-side table shows the answer to its current query. */
export async function settled(table: Locator): Promise<void> {
  await expect(table).toHaveAttribute('aria-busy', 'false')
}

/** The texts of one column (1-based) of a table's body rows. */
export async function columnTexts(table: Locator, column: number): Promise<string[]> {
  await settled(table)
  return (await table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts()).map((t) => t.trim())
}

/** Names in the order people sort them (Åsen, Łukasz, Williams, Zoë, 王芳), as the engine's sort keys order them. */
export const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare

/** Whether each text comes at or after the one before it (before it, `desc`), by name order. */
export function inNameOrder(texts: readonly string[], direction: 'asc' | 'desc' = 'asc'): boolean {
  return texts.every((text, i) => i === 0 || (direction === 'asc' ? byName(texts[i - 1], text) <= 0 : byName(texts[i - 1], text) >= 0))
}

export async function openApp(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByTestId('status-area')).toBeVisible()
}

/** axe-core violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
}

/** Whether the page is wider than the window (it would scroll sideways). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement
    return root.scrollWidth > root.clientWidth
  })
}

/** The first number in a text as the app formats counts ("6,306 unsynced changes" -> 6306). */
export function countIn(text: string, pattern: RegExp = /\d[\d,.\u00a0\u202f]*/): number {
  const match = text.match(pattern)
  const digits = (match?.[1] ?? match?.[0] ?? '').replace(/[^\d]/g, '')
  return digits ? Number(digits) : Number.NaN
}

/** A formatted count inside a pattern: 6,306 or 6 306 as well as 6306. */
export const COUNT = String.raw`\d[\d,\u00a0\u202f]*`
