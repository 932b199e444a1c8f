// Signs the test run's browsers in as a person would: the server wrote its one-time launch
// address to a file only this user reads (playwright.config.ts); opening it once gives the
// session cookie, kept in a storage state every test's browser context starts from.
import fs from 'node:fs'
import { request } from '@playwright/test'

export default async function globalSetup(): Promise<void> {
  const launchFile = process.env.LMS_E2E_LAUNCH as string
  const sessionFile = process.env.LMS_E2E_SESSION as string
  // The web server is up (Playwright starts it first) and wrote the file before listening was announced.
  const launch = fs.readFileSync(launchFile, 'utf8').trim()
  const context = await request.newContext()
  try {
    const answer = await context.get(launch, { maxRedirects: 0 })
    if (answer.status() !== 303) throw new Error(`The launch address answered ${answer.status()}: ${await answer.text()}`)
    await context.storageState({ path: sessionFile })
  } finally {
    await context.dispose()
  }
}
