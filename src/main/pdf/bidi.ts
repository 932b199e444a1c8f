// Right-to-left text for pdf-lib, which draws glyphs left to right as it is given them. A line
// is cut into runs of one direction (a simplified Unicode bidi algorithm: Arabic and Hebrew
// letters are right-to-left; other letters and digits left-to-right; spaces and punctuation
// take the direction around them, else the line's), and the runs are put in the order they
// are seen. Inside a right-to-left run fontkit's layout, which pdf-lib uses, orders and
// shapes the Arabic letters itself; mirrored brackets are swapped here. So "الحضور 12 (Ada)"
// on an Arabic line reads from the right with the number and the Latin name left-to-right.

export interface DirectionRun {
  text: string
  rtl: boolean
}

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u
const STRONG_LTR = /[\p{L}\p{N}]/u
const MIRRORED: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«' }

type Kind = 'r' | 'l' | 'd' | 'n'

/** Whether a text holds right-to-left letters (which fontkit orders and shapes itself). */
export const hasRtlLetters = (text: string) => STRONG_RTL.test(text)

/** A paragraph's own direction (Unicode's rule P2): right-to-left when its first strong letter is. */
export function startsRightToLeft(text: string): boolean {
  for (const ch of text) {
    if (STRONG_RTL.test(ch)) return true
    if (/\p{L}/u.test(ch)) return false
  }
  return false
}

function kindOf(ch: string): Kind {
  if (STRONG_RTL.test(ch)) return 'r'
  if (/\p{Nd}/u.test(ch)) return 'd'
  if (STRONG_LTR.test(ch)) return 'l'
  return 'n'
}

/** The runs of a line in visual order (left to right as drawn), for a right-to-left line or not. */
export function visualRuns(text: string, rtlLine: boolean): DirectionRun[] {
  const chars = [...text]
  if (!chars.some((ch) => kindOf(ch) === 'r') && !rtlLine) return text ? [{ text, rtl: false }] : []
  const kinds = chars.map(kindOf)
  // A separator inside a number ("9:00", "1,234.5") is part of it.
  kinds.forEach((k, i) => {
    if (k === 'n' && /[.,:/]/.test(chars[i]) && kinds[i - 1] === 'd' && kinds[i + 1] === 'd') kinds[i] = 'd'
  })
  const base = rtlLine ? 'r' : 'l'
  // A number reads left to right, but stands among the letters before it: among Arabic words
  // (or at the start of an Arabic line) it counts as right-to-left for what surrounds it.
  let lastLetter: 'r' | 'l' = base
  const side = kinds.map((k) => {
    if (k === 'r' || k === 'l') lastLetter = k
    return k === 'd' ? lastLetter : k
  })
  // Neutrals between two sides that agree take that side; the others take the line's.
  const resolved = side.map((k, i) => {
    if (k !== 'n') return k
    let before: Kind | undefined
    for (let j = i - 1; j >= 0 && !before; j--) if (side[j] !== 'n') before = side[j]
    let after: Kind | undefined
    for (let j = i + 1; j < side.length && !after; j++) if (side[j] !== 'n') after = side[j]
    return before && before === after ? before : base
  })
  const runs: (DirectionRun & { side: string })[] = []
  chars.forEach((ch, i) => {
    const rtl = resolved[i] === 'r' && kinds[i] !== 'd'
    const shown = rtl ? (MIRRORED[ch] ?? ch) : ch
    const last = runs[runs.length - 1]
    if (last && last.rtl === rtl && last.side === resolved[i]) last.text += shown
    else runs.push({ text: shown, rtl, side: resolved[i] })
  })
  // A right-to-left run without Arabic letters (spaces, punctuation) is not reordered by
  // fontkit, so its characters are put in visual order here.
  for (const run of runs) if (run.rtl && !hasRtlLetters(run.text)) run.text = [...run.text].reverse().join('')
  const ordered = runs.map(({ text: t, rtl }) => ({ text: t, rtl }))
  if (!rtlLine) return ordered
  // Right-to-left: the runs from the right, except that left-to-right stretches (a name, a
  // number with its words) keep their own order among themselves.
  const out: DirectionRun[] = []
  for (let i = ordered.length - 1; i >= 0; ) {
    if (ordered[i].rtl) {
      out.push(ordered[i--])
      continue
    }
    let j = i
    while (j > 0 && !ordered[j - 1].rtl && runs[j - 1].side === 'l' && runs[i].side === 'l') j--
    out.push(...ordered.slice(j, i + 1))
    i = j - 1
  }
  return out
}
