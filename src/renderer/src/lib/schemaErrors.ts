// An operation's own input schema run in the form, before anything is sent: the same
// messages the engine's 422 would give (in English; the reasons' words in other languages).
// Loaded on first use, so the schemas stay out of the pages' first load.
import type { OpName } from '../../../shared/operations/index'
import { hasMessage, t, useI18n, type ReasonId } from '../i18n'

export async function schemaErrors(name: OpName, input: unknown): Promise<Record<string, string>> {
  const [{ operationsByName }, { issueFields, issueReasons }] = await Promise.all([import('../../../shared/operations/index'), import('../../../shared/contract/validation')])
  const parsed = operationsByName.get(name)?.input.safeParse(input)
  if (!parsed || parsed.success) return {}
  const english = useI18n.getState().locale === 'en'
  const reasons = issueReasons(parsed.error, input)
  return Object.fromEntries(
    Object.entries(issueFields(parsed.error, input)).map(([field, messages]) => {
      const reason = reasons[field]?.[0]
      return [field, !english && reason && hasMessage(reason.key) ? t(reason.key as ReasonId, reason.values) : messages[0]]
    }),
  )
}
