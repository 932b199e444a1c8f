import { sql } from 'kysely'
import { AUDIT_VERBS } from '../../../../shared/operations/audit'
import { invalid } from '../../errors'
import { dateTimeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { listCount, matchesText, withinDates } from '../../list'
import { defineList } from '../../define-list'
import { auditDaySeek } from './days'
import { nameSubjects, recordCondition } from './records'

export const auditHandlers = defineHandlers({
  ...defineList('audit.list', {
    sort: { created_at: 'created_at', id: 'id', performed_by: 'performed_by', action: 'action', subject: 'subject' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'id',
    // The filters are read here: how each is read, and which counts are kept, depends on the others.
    query: (ctx, input) => {
      const filters = input.search_param ?? {}
      const base = ctx.qb.selectFrom('audit_activities')
      let filtered = base.select(['id', 'performed_by', 'effect_on', 'subject', 'subject_id', 'action', 'created_at', 'details'])
      const performer = filters.performed_by?.trim()
      const actor = typeof filters.user_id === 'number' ? filters.user_id : undefined
      const action = filters.activityName ? filters.activityName.charAt(0).toUpperCase() + filters.activityName.slice(1) : undefined
      const dated = Boolean(filters.dates?.some(Boolean))
      const type = filters.effect_on || undefined
      const subjectId = typeof filters.subject_id === 'number' ? filters.subject_id : undefined
      if (subjectId !== undefined && !type) throw invalid('search_param', 'reason.audit_subject_needs_type')
      // The search reads the few distinct performers, then the log by its performed_by index.
      const performers = performer
        ? ctx.qb.selectFrom('audit_performers').where(matchesText(['audit_performers.performed_by'], performer))
        : undefined
      const recordsTotal = listCount(ctx.sql, 'audit')
      const performerRows = performers
        ? Number(ctx.sql.first(performers.select((eb) => eb.fn.sum<number>('audit_performers.n').as('n')))?.n ?? 0)
        : 0
      if (performers) {
        // Many matching rows: walking the sort order and skipping the others finds a page
        // sooner than sorting them all, so the performed_by index is kept out (the unary +).
        // Few: reading them by that index and sorting them is sooner.
        const dense = performerRows > Math.sqrt(50 * recordsTotal)
        const column = dense ? sql<string>`+${sql.ref('performed_by')}` : sql.ref<string>('performed_by')
        filtered = filtered.where((eb) => eb(column, 'in', performers.select('audit_performers.performed_by')))
      }
      // An action keeps a known share of the log: the record rows left are that much sparser.
      const share = action && recordsTotal ? listCount(ctx.sql, `audit:${action}`) / recordsTotal : 1
      const record = recordCondition(ctx.sql, { type, subjectId, subjectName: filters.subject_name?.trim() || undefined, share }, recordsTotal)
      // The same rows for counting, where the record filter reads them another way.
      let counted = filtered
      if (record) {
        filtered = filtered.where(record.page)
        counted = counted.where(record.counted)
      }
      if (actor !== undefined) {
        filtered = filtered.where('performed_by_id', '=', actor)
        counted = counted.where('performed_by_id', '=', actor)
      }
      if (action) {
        filtered = filtered.where('action', '=', action)
        counted = counted.where('action', '=', action)
      }
      if (dated) {
        filtered = filtered.where(withinDates('created_at', filters.dates))
        counted = counted.where(withinDates('created_at', filters.dates))
      }
      // Counting a million rows is a scan: use the kept counts where the filters allow.
      const others = [performers, actor !== undefined, dated].filter(Boolean).length
      const keptCount = (): number | undefined => {
        if (others > 1 || (others === 1 && (!performers || record || action))) return undefined
        if (others === 1) return performerRows
        if (!record) return action ? listCount(ctx.sql, `audit:${action}`) : recordsTotal
        // By record type alone (and the action), or by record without the action.
        if (type && subjectId === undefined && !filters.subject_name?.trim()) return listCount(ctx.sql, action ? `audit-on:${type}:${action}` : `audit-on:${type}`)
        return action ? undefined : record.rows
      }
      const recordsFiltered = keptCount()
      const filterCount = others + (record ? 1 : 0) + (action ? 1 : 0)
      return {
        total: base.select('id'),
        rows: filtered,
        counted,
        known: { recordsTotal, recordsFiltered },
        // The kept counts per day are of the whole log: only its unfiltered pages by date.
        seek: (order, offset) => (filterCount === 0 && order.colName === 'created_at' ? auditDaySeek(ctx.sql, order.direction, offset) : undefined),
      }
    },
    records: (rows, ctx) => {
      const named = nameSubjects(ctx.sql, rows)
      return rows.map((a) => ({
          id: a.id,
          performed_by: a.performed_by,
          effect_on: a.effect_on,
          subject: a.subject,
          action: a.action,
          created_at: dateTimeText(a.created_at),
          details: JSON.parse(a.details) as unknown[],
          subject_id: a.subject_id,
          ...named(a),
      }))
    },
    extra: () => ({ performedOnList: [] }),
  }),

  'audit.verbLookup'() {
    return AUDIT_VERBS.map((v) => ({ db_value: v, display_value: v.toUpperCase() }))
  },
})
