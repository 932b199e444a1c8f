// Above the roster, kept in view while it scrolls: the class's counts, the search (Escape,
// Down or Enter goes to the roster), and the buttons that add learners' marks in bulk.
import { Button, Group, Stack, TextInput } from '@mantine/core'
import type { RefObject } from 'react'
import { useT } from '../../i18n'
import classes from './Attendance.module.css'
import { StatusCounts } from './Roster'
import type { RosterData } from './useRoster'

interface RosterToolbarProps {
  data: RosterData
  searchRef: RefObject<HTMLInputElement | null>
  search: string
  onSearch(text: string): void
  locked: boolean
  unmarked: number
  onMarkAll(): void
  onWalkIn(): void
}

export function RosterToolbar({ data, searchRef, search, onSearch, locked, unmarked, onMarkAll, onWalkIn }: RosterToolbarProps) {
  const t = useT()
  return (
    <Stack gap="xs" className={classes.sticky}>
      <StatusCounts totals={data.totals} learners={data.recordsTotal} />
      <Group gap="sm" align="flex-end">
        <TextInput
          ref={searchRef}
          type="search"
          label={t('attendance.search')}
          placeholder={t('attendance.searchPlaceholder')}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault()
              document.querySelector<HTMLButtonElement>('[data-testid="roster"] button[tabindex="0"]')?.focus()
            }
          }}
          w={{ base: '100%', xs: 260 }}
        />
        <Button disabled={locked || unmarked === 0} onClick={onMarkAll} w={{ base: '100%', xs: 'auto' }}>
          {t('attendance.markAll')}
        </Button>
        <Button variant="default" disabled={locked} onClick={onWalkIn} w={{ base: '100%', xs: 'auto' }}>
          {t('attendance.addWalkIn')}
        </Button>
      </Group>
    </Stack>
  )
}
