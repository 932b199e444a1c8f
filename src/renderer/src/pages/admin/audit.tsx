// The Audit Logs screen: the documented API only lists the log, so this screen only reads.
import type { AuditRecord } from '../../../../shared/operations/audit'
import { lms } from '../../api/client'
import type { AdminConfig } from './adminConfig'

type SortColumn = 'created_at' | 'id' | 'performed_by' | 'action' | 'subject'

export const auditAdmin: AdminConfig<AuditRecord, SortColumn> = {
  title: 'Audit log',
  noun: 'entries',
  singular: 'entry',
  searchLabel: 'Search by who did it',
  searchPlaceholder: 'Performed by',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  load: (q) =>
    lms.call('audit.list', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { performed_by: q.search || undefined } }),
  columns: [
    { key: 'when', header: 'When', sortBy: 'created_at', render: (a) => a.created_at },
    { key: 'who', header: 'Performed by', sortBy: 'performed_by', render: (a) => a.performed_by },
    { key: 'action', header: 'Action', sortBy: 'action', render: (a) => a.action },
    { key: 'on', header: 'On', render: (a) => a.effect_on },
    { key: 'subject', header: 'Subject', sortBy: 'subject', render: (a) => a.subject },
  ],
  describe: (a) => `entry ${a.id}`,
}
