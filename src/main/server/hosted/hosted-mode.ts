// `serve --hosted`: the engine behind the contract the hosted LMS documents, and nothing
// more. A strict layer over the same registry and handlers (no second implementation):
// requests are read as the reference describes them (strict-request.ts), answers are cut
// to the documented example's keys and formats (project.ts), no Idempotency-Key is
// honoured and no app operation exists. Sync is tested against this, never against the
// lenient server, so it cannot come to depend on anything the reference does not promise.
import { DOCUMENTED_ROUTES } from '../../../shared/api/documented-routes'
import { filterKeysOf } from '../../../shared/contract/list-params'
import type { Operation } from '../../../shared/contract/operation'
import { loadDocumentedAnswers, type DocumentedAnswer } from './documented-answers'
import { HOSTED_VARIANTS, project, vary, type HostedVariant } from './project'
import { strictInput, type StrictRefusal } from './strict-request'

export type { HostedVariant } from './project'

export interface HostedMode {
  readonly variants: ReadonlySet<HostedVariant>
  /** The input the engine gets for a request to the operation's documented route, or the 422 it answers. */
  input(operation: Operation, pathParams: Record<string, string>, query: Record<string, unknown>, body: Record<string, unknown>): { input: Record<string, unknown> } | StrictRefusal
  /** A successful answer as the reference documents it. */
  answer(operation: Operation, value: unknown): unknown
}

export function parseVariants(list: string | undefined): HostedVariant[] {
  const names = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = names.filter((n) => !HOSTED_VARIANTS.includes(n as HostedVariant))
  if (unknown.length) throw new Error(`Unknown hosted variant ${unknown.join(', ')}; known: ${HOSTED_VARIANTS.join(', ')}`)
  return names as HostedVariant[]
}

export function createHostedMode(options: { variants?: readonly HostedVariant[]; endpointsFile?: string } = {}): HostedMode {
  const answers = loadDocumentedAnswers(options.endpointsFile)
  const variants = new Set(options.variants ?? [])
  const keyOf = (operation: Operation) => `${operation.method} ${operation.route}`
  return {
    variants,
    input(operation, pathParams, query, body) {
      const route = DOCUMENTED_ROUTES[keyOf(operation)]
      if (!route) return { input: { ...pathParams } }
      return strictInput(route, operation.route ?? '', pathParams, query, body, filterKeysOf(operation.input))
    },
    answer(operation, value) {
      const documented: DocumentedAnswer = answers.get(keyOf(operation)) ?? { kind: 'undocumented' }
      if (documented.kind === 'file') return value
      if (documented.kind === 'undocumented') {
        // Nothing documented: the message, when there is one, is all a client may read.
        const message = (value as { message?: unknown } | null)?.message
        return typeof message === 'string' ? { message } : {}
      }
      return vary(project(documented.template, value), variants)
    },
  }
}
