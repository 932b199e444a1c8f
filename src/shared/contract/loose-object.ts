// Reads a flat object written as JSON or as a JavaScript object literal with unquoted
// keys and single-quoted strings, as the hosted API's evaluate example sends it. Only
// strings, numbers, true, false and null are accepted as values; anything else is refused.

type Scalar = string | number | boolean | null

export function parseLooseObject(text: string): Record<string, Scalar> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, Scalar>
  } catch {
    /* not JSON: try the literal form */
  }
  let i = 0
  const s = text
  const out: Record<string, Scalar> = {}
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++
  }
  const quoted = (): string | undefined => {
    const q = s[i]
    if (q !== '"' && q !== "'") return undefined
    i++
    let result = ''
    while (i < s.length && s[i] !== q) {
      if (s[i] === '\\' && i + 1 < s.length) {
        const next = s[i + 1]
        result += next === 'n' ? '\n' : next === 't' ? '\t' : next
        i += 2
      } else result += s[i++]
    }
    if (s[i] !== q) return undefined
    i++
    return result
  }
  ws()
  if (s[i++] !== '{') return undefined
  ws()
  if (s[i] === '}') return i + 1 === s.trimEnd().length ? out : undefined
  for (;;) {
    ws()
    let key = quoted()
    if (key === undefined) {
      const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i))
      if (!m) return undefined
      key = m[0]
      i += key.length
    }
    ws()
    if (s[i++] !== ':') return undefined
    ws()
    let value: Scalar | undefined = quoted()
    if (value === undefined) {
      const m = /^(true|false|null|-?\d+(\.\d+)?)/.exec(s.slice(i))
      if (!m) return undefined
      i += m[0].length
      value = m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0])
    }
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined
    out[key] = value
    ws()
    if (s[i] === ',') {
      i++
      ws()
      if (s[i] === '}') break
      continue
    }
    if (s[i] === '}') break
    return undefined
  }
  i++
  ws()
  return i === s.length ? out : undefined
}
