// The grading queue's filters: learner search, course, module of that course, type and
// "has unsynced changes". The status and the order sit with the queue.
import { Checkbox, Group, NativeSelect, Select } from '@mantine/core'
import { memo, useMemo, type Dispatch, type Ref, type SetStateAction } from 'react'
import { useLmsQuery } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { useT, type MessageId } from '../../i18n'
import { searchCourses } from '../../lib/pickers'
import type { GradingFilters, TypeFilter } from './filters'

interface GradingFilterBarProps {
  filters: GradingFilters
  setFilters: Dispatch<SetStateAction<GradingFilters>>
  searchInput: string
  onSearchInput(value: string): void
  searchRef: Ref<HTMLInputElement>
}

const TYPE_OPTIONS: { value: TypeFilter; label: MessageId }[] = [
  { value: '', label: 'grading.filter.allTypes' },
  { value: 'assignment', label: 'grading.filter.assignments' },
  { value: 'discussion', label: 'grading.filter.discussions' },
]

/** Every course of the site: searched on the server. */
const searchAnyCourse = searchCourses()

export const GradingFilterBar = memo(function GradingFilterBar({ filters, setFilters, searchInput, onSearchInput, searchRef }: GradingFilterBarProps) {
  const course = useLmsQuery('courses.get', { id: filters.courseId ?? 0 }, { enabled: filters.courseId !== null })
  const moduleOptions = useMemo(
    () =>
      filters.courseId && course.data?.id === filters.courseId
        ? course.data.modules.filter((m) => m.type === 'assignment' || m.type === 'discussion').map((m) => ({ value: String(m.module_id), label: m.name }))
        : [],
    [course.data, filters.courseId],
  )
  const t = useT()
  const set = <K extends keyof GradingFilters>(key: K, value: GradingFilters[K]) => setFilters((f) => ({ ...f, [key]: value }))

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <ListSearch label={t('grading.filter.search')} placeholder={t('grading.filter.searchPlaceholder')} value={searchInput} onChange={onSearchInput} inputRef={searchRef} w={{ base: '100%', sm: 230 }} />
      <ServerSearchSelect
        label={t('grading.filter.course')}
        placeholder={t('grading.filter.allCourses')}
        noun="course"
        search={searchAnyCourse}
        value={filters.courseId ? String(filters.courseId) : null}
        // A course set by the address is named once it has loaded.
        valueLabel={filters.courseId && course.data?.id === filters.courseId ? course.data.name : null}
        onChange={(value) => setFilters((f) => ({ ...f, courseId: value ? Number(value) : null, moduleId: null }))}
        w={{ base: '100%', sm: 230 }}
      />
      <Select
        label={t('grading.filter.module')}
        placeholder={filters.courseId ? t('grading.filter.allModules') : t('grading.filter.courseFirst')}
        clearable
        disabled={!filters.courseId}
        data={moduleOptions}
        value={filters.moduleId ? String(filters.moduleId) : null}
        onChange={(value) => set('moduleId', value ? Number(value) : null)}
        w={{ base: '100%', sm: 210 }}
      />
      <NativeSelect label={t('grading.filter.type')} data={TYPE_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))} value={filters.type} onChange={(e) => set('type', e.currentTarget.value as TypeFilter)} w={{ base: '100%', sm: 140 }} />
      <Checkbox label={t('grading.filter.unsynced')} checked={filters.unsyncedOnly} onChange={(e) => set('unsyncedOnly', e.currentTarget.checked)} mb={8} />
    </Group>
  )
})
