// The audit log: who did what to which record. Each row names its record (a user or a
// course, linked to it; a deleted one by the name it had) and the log is searched on the
// server by who acted, by the record's name, its type or one record, and by action. The
// filters, page and sort are kept in the address (#/audit?name=ada&action=updated).
import { Group, NativeSelect, Stack, TextInput } from '@mantine/core'
import type { AuditRecord, AuditRecordType } from '../../../../shared/operations/audit'
import { lmsRead } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import type { ListAddress } from '../../lib/listAddress'
import { useT, type MessageId } from '../../i18n'
import { ACTION_NAMES, auditColumns, recordLabel, type AuditSort } from './auditColumns'
import { AuditRecordNotice } from './AuditRecordNotice'
import { useTypedFilter } from './useTypedFilter'

const ACTIONS = [
  { value: '', label: 'audit.anyAction' },
  { value: 'created', label: ACTION_NAMES.created },
  { value: 'updated', label: ACTION_NAMES.updated },
  { value: 'deleted', label: ACTION_NAMES.deleted },
  { value: 'login', label: ACTION_NAMES.login },
] as const satisfies readonly { value: string; label: MessageId }[]
type Action = (typeof ACTIONS)[number]['value']

const TYPES = [
  { value: '', label: 'audit.allTypes' },
  { value: 'User', label: 'audit.users' },
  { value: 'Course', label: 'audit.courses' },
] as const satisfies readonly { value: string; label: MessageId }[]

interface AuditFilters {
  /** A part of the record's name. */
  name: string
  type: '' | AuditRecordType
  /** One record (of `type`), from a row's "History". */
  record: { id: number; label: string } | null
  action: Action
}

const NO_FILTERS: AuditFilters = { name: '', type: '', record: null, action: '' }

const ADDRESS: ListAddress<AuditSort, AuditFilters> = {
  sortable: ['created_at', 'performed_by', 'action'],
  writeFilters: (f, params) => {
    if (f.name) params.set('name', f.name)
    if (f.type) params.set('type', f.type)
    if (f.type && f.record) {
      params.set('record', String(f.record.id))
      params.set('label', f.record.label)
    }
    if (f.action) params.set('action', f.action)
  },
  readFilters: (params) => {
    const type = TYPES.find((t) => t.value && t.value === params.get('type'))?.value ?? ''
    const id = Number(params.get('record'))
    return {
      name: (params.get('name') ?? '').slice(0, 255),
      type,
      record: type && Number.isSafeInteger(id) && id > 0 ? { id, label: (params.get('label') ?? '').slice(0, 255) } : null,
      action: ACTIONS.find((a) => a.value === params.get('action'))?.value ?? '',
    }
  },
}

export function AuditPage() {
  const list = useServerList<AuditRecord, AuditSort, AuditFilters>({
    defaultSort: { colName: 'created_at', direction: 'desc' },
    initialFilters: NO_FILTERS,
    address: ADDRESS,
    read: (q) =>
      lmsRead('audit.list', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: {
          performed_by: q.search || undefined,
          subject_name: q.filters.name || undefined,
          effect_on: q.filters.type || undefined,
          subject_id: q.filters.type && q.filters.record ? q.filters.record.id : undefined,
          activityName: q.filters.action || undefined,
        },
      }),
  })
  const filters = list.query.filters
  const { setFilters } = list
  const t = useT()
  const set = (patch: Partial<AuditFilters>) => setFilters({ ...filters, ...patch })

  // The record name is typed like the other search: the list follows after a pause.
  const [nameInput, setNameInput] = useTypedFilter(filters.name, (name) => setFilters({ ...filters, name }))

  const columns = auditColumns({
    onHistory: (row) =>
      row.subject_id !== null && setFilters({ ...NO_FILTERS, type: row.effect_on as AuditRecordType, record: { id: row.subject_id, label: recordLabel(row) } }),
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('audit.title')} />
      <Group align="flex-end" gap="md" wrap="wrap">
        <ListSearch label={t('audit.searchWho')} placeholder={t('audit.searchWhoPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} w={{ base: '100%', sm: 240 }} />
        <TextInput
          type="search"
          label={t('audit.recordName')}
          placeholder={t('audit.recordNamePlaceholder')}
          value={nameInput}
          onChange={(e) => setNameInput(e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
        />
        <NativeSelect
          label={t('audit.recordType')}
          data={TYPES.map((o) => ({ value: o.value, label: t(o.label) }))}
          value={filters.type}
          onChange={(e) => set({ type: e.currentTarget.value as AuditFilters['type'], record: null })}
          w={{ base: '100%', sm: 190 }}
        />
        <NativeSelect label={t('audit.action')} data={ACTIONS.map((o) => ({ value: o.value, label: t(o.label) }))} value={filters.action} onChange={(e) => set({ action: e.currentTarget.value as Action })} w={{ base: '100%', sm: 160 }} />
      </Group>
      {filters.record && <AuditRecordNotice type={filters.type} record={filters.record} onShowAll={() => set({ record: null })} />}
      <ServerTable
        list={list}
        columns={columns}
        label={t('audit.title')}
        rowKey={(a) => a.id}
        noun="audit.noun"
        empty={t('audit.none')}
        pending={nameInput.trim() !== filters.name}
      />
    </Stack>
  )
}
