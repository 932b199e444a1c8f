// A parked change's input as fields to correct: each kept value's kind (text, number,
// switch, JSON, hidden secret, id of a record on this computer), its text in the form, and
// what the user changed, typed back, with the fields whose text does not read as its kind
// (named by what was expected: a number or JSON).
import type { Operation } from '../../../../shared/contract/operation'
import { REDACTED } from '../../../../shared/contract/redaction'
import { operationsByName } from '../../../../shared/operations/index'
import type { ParkedRecord } from '../../../../shared/operations/sync'

export type Kind = 'text' | 'number' | 'boolean' | 'json' | 'secret' | 'reference'

export interface RetryField {
  key: string
  kind: Kind
  original: unknown
  /** For JSON fields: the reference fields inside (local ids sync translates), to keep as they are. */
  nestedRefs: string[]
}

/** Input paths that hold ids of records on this computer (`id`, `studentIds`, `modules[].module_id`). */
function referencePaths(operation: string): string[] {
  const op = operationsByName.get(operation) as Operation | undefined
  return op?.kind === 'write' && op.sync ? Object.keys(op.sync.refs) : []
}

function kindOf(value: unknown, key: string, refs: string[]): Kind {
  if (value === REDACTED) return 'secret'
  if (refs.includes(key)) return 'reference'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  return 'json'
}

export function toText(field: RetryField): string {
  if (field.kind === 'text') return field.original as string
  if (field.kind === 'number') return String(field.original)
  if (field.kind === 'json') return JSON.stringify(field.original ?? null, null, 2)
  return ''
}

/** The record's input, a field per key (none when the input is not an object). */
export function retryFields(record: ParkedRecord | null): RetryField[] {
  const input = record?.input
  if (!input || typeof input !== 'object' || Array.isArray(input)) return []
  const refs = referencePaths(record.operation)
  return Object.entries(input as Record<string, unknown>).map(([key, original]) => ({
    key,
    kind: kindOf(original, key, refs),
    original,
    nestedRefs: refs.filter((r) => r.startsWith(`${key}[].`) || r.startsWith(`${key}.`)).map((r) => r.slice(r.lastIndexOf('.') + 1)),
  }))
}

export type Problem = 'number' | 'json'

/** The changed fields with their typed values, or the per-field parse problems. */
export function changedInput(fields: RetryField[], texts: Record<string, string>, flags: Record<string, boolean>): { input: Record<string, unknown>; problems: Record<string, Problem> } {
  const input: Record<string, unknown> = {}
  const problems: Record<string, Problem> = {}
  for (const f of fields) {
    if (f.kind === 'secret' || f.kind === 'reference') continue
    if (f.kind === 'boolean') {
      if (flags[f.key] !== f.original) input[f.key] = flags[f.key]
      continue
    }
    const text = texts[f.key] ?? ''
    if (text === toText(f)) continue
    if (f.kind === 'text') input[f.key] = text
    else if (f.kind === 'number') {
      const n = Number(text.trim())
      if (text.trim() === '' || !Number.isFinite(n)) problems[f.key] = 'number'
      else input[f.key] = n
    } else {
      try {
        input[f.key] = JSON.parse(text) as unknown
      } catch {
        problems[f.key] = 'json'
      }
    }
  }
  return { input, problems }
}

/**
 * The engine names an error inside a JSON field by its path (`fields.0.font_size`); it is
 * shown under that field, led by where in the JSON it is (`[0].font_size: …`), so the
 * person editing the JSON finds it. Other keys are kept as they came.
 */
export function foldNestedErrors(errors: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(errors)) {
    const top = keys.find((k) => path.startsWith(`${k}.`))
    if (!top) {
      out[path] = message
      continue
    }
    const inner = path
      .slice(top.length + 1)
      .split('.')
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '')
    const line = `${inner}: ${message}`
    out[top] = out[top] ? `${out[top]} ${line}` : line
  }
  return out
}
