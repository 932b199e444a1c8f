// Shared steps for the browser-mode tests. Everything goes through the real server
// started by playwright.config.ts; nothing is mocked.
import AxeBuilder from '@axe-core/playwright'
import { expect, type Locator, type Page } from '@playwright/test'

/** Unique per run (and per call), so tests never collide on emails or names. */
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
let counter = 0
export function unique(tag: string): string {
  counter += 1
  return `${tag}${runId}${counter}`
}
export const uniqueEmail = (tag: string) => `e2e.${unique(tag)}@example.org`

/**
 * Calls the local server's documented API with the token the server injected into the
 * open page. Used to set up data a test is not about.
 */
export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const token = await page.locator('meta[name="lms-token"]').getAttribute('content')
  const response = await page.request.fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    data: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await response.json()) as unknown
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${JSON.stringify(json)}`)
  return json as T
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
