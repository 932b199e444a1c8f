import fs from 'node:fs'

/** Removes the run's demo data folder, launch address and session (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.LMS_E2E_DATA
  if (!dir || !dir.includes('lms-e2e-')) return
  for (const made of [dir, `${dir}-launch`, `${dir}-session.json`]) fs.rmSync(made, { recursive: true, force: true })
}
