// Queued inputs keep the passwords the hosted API needs; whatever shows them hides them.
const SECRET_KEYS = new Set(['password', 'password_confirmation', 'confirmPassword', 'token'])

export function redactSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '••••••' : v]))
}
