// Browser-mode UI tests: the built renderer served by the real HTTP server on a fresh
// demo world, driven in Debian's Chromium.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const PORT = Number(process.env.LMS_E2E_PORT ?? 5199)
const BASE_URL = `http://127.0.0.1:${PORT}`

// One fresh data folder per run. Workers load this file again and inherit the variable,
// so they agree with the runner on the folder.
process.env.LMS_E2E_DATA ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lms-e2e-'))
const dataDir = process.env.LMS_E2E_DATA
// Browser mode lets in only the browser that opens the run's one-time launch address: the
// server writes it to a file only this user reads (beside the data folder, never printed),
// global-setup.ts opens it once and keeps the session cookie, and every test's browser
// context starts with that cookie (use.storageState).
process.env.LMS_E2E_LAUNCH = `${dataDir}-launch`
process.env.LMS_E2E_SESSION = `${dataDir}-session.json`

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // scripts/run-tests.mjs sets PLAYWRIGHT_JSON_OUTPUT_NAME and reads the JSON report.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    storageState: process.env.LMS_E2E_SESSION,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1366, height: 860 },
    // No animations: axe then measures dialogs as shown, not half faded in.
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx electron-vite build && npx tsx src/main/server/cli.ts --web out/renderer --demo --data "${dataDir}" --port ${PORT} --launch-secret-file "${process.env.LMS_E2E_LAUNCH}"`,
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
