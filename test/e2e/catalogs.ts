// The renderer's message catalogs, read as the tests need them (Playwright loads specs as
// Node ESM, where a JSON import needs an attribute the TypeScript config does not add).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/renderer/src/i18n/locales')

export function catalog(locale: 'en' | 'es' | 'fr' | 'ar'): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), 'utf8')) as Record<string, string>
}
