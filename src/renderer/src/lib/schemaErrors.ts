// An operation's own input schema run in the form, before anything is sent: the same
// messages the engine's 422 would give. Loaded on first use, so the schemas stay out of
// the pages' first load.
import type { OpName } from '../../../shared/operations/index'

export async function schemaErrors(name: OpName, input: unknown): Promise<Record<string, string>> {
  const [{ operationsByName }, { issueFields }] = await Promise.all([import('../../../shared/operations/index'), import('../../../shared/contract/validation')])
  const parsed = operationsByName.get(name)?.input.safeParse(input)
  if (!parsed || parsed.success) return {}
  return Object.fromEntries(Object.entries(issueFields(parsed.error, input)).map(([field, messages]) => [field, messages[0]]))
}
