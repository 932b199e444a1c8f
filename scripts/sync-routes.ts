// Prints, per queued operation, the documented route the push sends it to and, for a create,
// the documented route and filter that confirm it after a lost or id-less answer (the
// README table). `npx tsx scripts/sync-routes.ts`
import { SYNC_RULES } from '../src/main/sync/rules/index'
import { operationsByName } from '../src/shared/operations/index'
const rows: string[] = []
for (const [name, rule] of Object.entries(SYNC_RULES) as [string, any][]) {
  const op: any = operationsByName.get(name)
  const route = op.route ? `${op.method} ${op.route}` : '(no route)'
  const confirm = rule.kind === 'create' ? (rule.confirm?.via ?? (rule.idFromAnswer ? 'id in the answer' : '—')) : ''
  rows.push(`| \`${name}\` | \`${route}\` | ${rule.kind} | ${confirm} |`)
}
console.log(rows.join('\n'))
