// A full name split into first and last name, for files with one name column ("Full name",
// "Display name", "Student"). "Lee, Ann" is family name first whatever the order chosen;
// otherwise the last word is the family name ("Ann Lee"), with the particles before it
// ("Ludwig van Beethoven") and a generational suffix after it ("Martin King Jr."), or the
// first word is when the file writes family names first. A split that is not plainly two
// words is uncertain: the screen lists those to check and correct before the import.
import type { FullNameOrder } from '../../../../shared/operations/import'

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'binti', 'al', 'el', 'zu', 'st', 'st.'])
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv'])

export interface SplitName {
  first: string
  last: string
  /** Plainly "First Last" or "Last, First". */
  certain: boolean
}

export function splitFullName(full: string, order: FullNameOrder): SplitName {
  const text = full.trim().replace(/\s+/g, ' ')
  if (text === '') return { first: '', last: '', certain: true }
  // "John Smith, Jr." is not family name first.
  const suffix = /,\s*((?:jr|sr)\.?|ii|iii|iv)$/i.exec(text)
  if (suffix) return { ...splitFullName(`${text.slice(0, suffix.index)} ${suffix[1]}`, order), certain: false }
  const comma = text.indexOf(',')
  if (comma > 0) {
    const last = text.slice(0, comma).trim()
    const first = text.slice(comma + 1).trim()
    if (first && last && !first.includes(',')) return { first, last, certain: true }
  }
  const words = text.split(' ')
  if (words.length === 1) return { first: text, last: '', certain: false }
  const certain = words.length === 2
  if (order === 'last_first') return { first: words.slice(1).join(' '), last: words[0], certain }
  let start = words.length - 1
  if (start > 1 && SUFFIXES.has(words[start].toLowerCase())) start--
  while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start--
  return { first: words.slice(0, start).join(' '), last: words.slice(start).join(' '), certain }
}
