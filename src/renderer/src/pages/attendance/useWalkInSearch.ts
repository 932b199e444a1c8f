// Finding a user who exists, to add them to the class as a walk-in.
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { PickedUser } from '../../../../shared/operations/pickers'
import { lms } from '../../api/client'
import { useLmsQuery } from '../../data/queries'
import { errorMessage } from '../../lib/errors'
import type { ArrivalStatus } from './ArrivalStatusChoice'

/** Matches listed at once; the count says how many more there are. */
const SHOWN = 8

export type WalkInSearch = ReturnType<typeof useWalkInSearch>

export function useWalkInSearch(opened: boolean, classId: number, status: ArrivalStatus, onAdded: (name: string, status: ArrivalStatus) => void) {
  const [search, setSearch] = useState('')
  const [term] = useDebouncedValue(search.trim(), 200)
  // The first matches, each saying whether they are in the class already (however big it is),
  // and how many match: a read of the data layer, so one just added shows as in the class.
  const picked = useLmsQuery('users.pick', { search: term, classId, limit: SHOWN }, { enabled: opened && term.length >= 2 && search.trim().length >= 2, keepPrevious: true })
  // Adding someone can fail too; that is said where the search's problems are.
  const [addError, setAddError] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)

  const addExisting = async (user: PickedUser) => {
    setBusyId(user.id)
    try {
      await lms.call('attendance.addWalkIn', { classId, userId: user.id, status })
      onAdded(`${user.firstName} ${user.lastName}`.trim(), status)
    } catch (e) {
      setAddError(errorMessage(e))
    } finally {
      setBusyId(null)
    }
  }

  const reset = () => {
    setSearch('')
    setAddError(null)
  }

  const onSearch = (value: string) => {
    setSearch(value)
    setAddError(null)
  }

  return { search, onSearch, matches: picked.data, error: addError ?? picked.error, busyId, addExisting, reset }
}
