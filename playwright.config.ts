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
  globalTeardown: './test/e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
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
    command: `npx electron-vite build && npx tsx src/main/server/cli.ts --web out/renderer --demo --data "${dataDir}" --port ${PORT}`,
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
