// Queued inputs keep the passwords the hosted API needs; whatever shows them hides them.
// Nested too: a bulk upload queues a password per user inside its userList.
const SECRET_KEYS = new Set(['password', 'password_confirmation', 'confirmPassword', 'token'])

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue)
  if (value && typeof value === 'object') return redactSecrets(value as Record<string, unknown>)
  return value
}

export function redactSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '••••••' : redactValue(v)]))
}
