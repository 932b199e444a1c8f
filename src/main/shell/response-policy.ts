// The app's strict CSP goes on every response the session sees, added to the policy a
// response already carries, never replacing it: a stored upload's `sandbox` policy must stay
// in force (every policy a response carries is enforced, so adding only ever tightens).
import { CONTENT_SECURITY_POLICY } from '../server/static-files'

export function withAppPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const policies: string[] = []
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') policies.push(...values)
    else out[name] = values
  }
  out['Content-Security-Policy'] = [...policies.filter((p) => p !== CONTENT_SECURITY_POLICY), CONTENT_SECURITY_POLICY]
  return out
}
