import fs from 'node:fs'

/** Removes the run's demo data folder (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.LMS_E2E_DATA
  if (dir && dir.includes('lms-e2e-')) fs.rmSync(dir, { recursive: true, force: true })
}
