// Whether a row waits for the user's choice, which the push and the grade check before a send
// (grade-conflicts.ts) ask. Apart from the conflict list so that neither imports the other.
import { prepared } from '../engine/db/prepared'
import type { Sql } from '../engine/db/sql'

const openConflict = prepared((qb, entity: string, localId: number) =>
  qb.selectFrom('sync_conflicts').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('resolved_at', 'is', null),
)

/** Whether a row waits for the user's choice (for a grade: its module status row). The push asks before every record. */
export function openConflictOn(sql: Sql, entity: string, localId: number): boolean {
  return sql.first(openConflict(entity, localId)) !== undefined
}
