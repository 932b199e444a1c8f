// A query string read the way the hosted LMS (Laravel, PHP) reads it: `ids[]=1&ids[]=2` is
// a list, `material[0][name]=x` a list of objects, `a[b]=1` an object; a key given twice
// without brackets keeps every value (a list), as this server always has.
const MAX_INDEX = 10_000

type Node = Record<string, unknown> | unknown[]

function place(container: Node, keys: string[], value: string): void {
  let node: Node = container
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    const last = i === keys.length - 1
    const nextIsList = !last && (keys[i + 1] === '' || /^\d+$/.test(keys[i + 1]))
    if (Array.isArray(node)) {
      const index = key === '' ? node.length : Number(key)
      if (!Number.isInteger(index) || index > MAX_INDEX) return
      if (last) node[index] = value
      else {
        if (node[index] === undefined || typeof node[index] !== 'object') node[index] = nextIsList ? [] : {}
        node = node[index] as Node
      }
      continue
    }
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return
    if (last) node[key] = value
    else {
      if (node[key] === undefined || typeof node[key] !== 'object' || node[key] === null) node[key] = nextIsList ? [] : {}
      node = node[key] as Node
    }
  }
}

export function parseQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name)
    const bracket = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name)
    if (!bracket) {
      if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue
      out[name] = values.length > 1 ? values : values[0]
      continue
    }
    const keys = [bracket[1], ...[...bracket[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])]
    // `ids[]` always makes a list, even with one value.
    if (keys.length === 2 && keys[1] === '') {
      const existing = out[keys[0]]
      out[keys[0]] = [...(Array.isArray(existing) ? existing : []), ...values]
      continue
    }
    for (const value of values) place(out, keys, value)
  }
  return out
}
