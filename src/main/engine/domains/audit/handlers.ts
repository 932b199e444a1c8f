import { AUDIT_VERBS } from '../../../../shared/operations/audit'
import { dateTimeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { fetchPage, matchesText, withinDates } from '../../list'

export const auditHandlers = defineHandlers({
  'audit.list'(ctx, input) {
    const filters = input.search_param ?? {}
    const base = ctx.qb.selectFrom('audit_activities')
    let filtered = base.select(['id', 'performed_by', 'effect_on', 'subject', 'action', 'created_at', 'details'])
    if (filters.performed_by?.trim()) filtered = filtered.where(matchesText(['performed_by'], filters.performed_by.trim()))
    if (typeof filters.user_id === 'number') filtered = filtered.where('performed_by_id', '=', filters.user_id)
    if (filters.activityName) {
      const action = filters.activityName.charAt(0).toUpperCase() + filters.activityName.slice(1)
      filtered = filtered.where('action', '=', action)
    }
    filtered = filtered.where(withinDates('created_at', filters.dates))
    const page = fetchPage<
      { id: number; performed_by: string; effect_on: string; subject: string; action: string; created_at: string; details: string },
      'created_at' | 'id' | 'performed_by' | 'action' | 'subject'
    >(ctx.sql, {
      total: base.select('id'),
      filtered,
      request: input,
      sortColumns: { created_at: 'created_at', id: 'id', performed_by: 'performed_by', action: 'action', subject: 'subject' },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'id',
    })
    return {
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((a) => ({
        id: a.id,
        performed_by: a.performed_by,
        effect_on: a.effect_on,
        subject: a.subject,
        action: a.action,
        created_at: dateTimeText(a.created_at),
        details: JSON.parse(a.details) as unknown[],
      })),
      performedOnList: [],
    }
  },

  'audit.verbLookup'() {
    return AUDIT_VERBS.map((v) => ({ db_value: v, display_value: v.toUpperCase() }))
  },
})
