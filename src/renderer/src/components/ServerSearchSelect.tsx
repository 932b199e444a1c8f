// A picker over more rows than a page can hold (tens of thousands of learners): what is typed
// is searched on the server, the first matches are offered, and the hint says how many match
// in all, so nothing is cut off without a word. The chosen option keeps its label while the
// options change.
import { Select, type StyleProp } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../lib/errors'
import { formatNumber, plural } from '../lib/format'

export interface PickerOption {
  value: string
  label: string
}

export interface PickerPage {
  options: PickerOption[]
  /** How many rows match the text in all (the options are the first of them). */
  total: number
}

interface ServerSearchSelectProps {
  label: string
  placeholder?: string
  value: string | null
  onChange(value: string | null, option: PickerOption | null): void
  /** The first matches of `text` (all rows when it is empty). */
  search(text: string): Promise<PickerPage>
  /** The label of a value set from outside (not chosen here), once known. */
  valueLabel?: string | null
  /** Reloads the options when it changes (e.g. the course whose learners are offered). */
  scope?: unknown
  /** The noun of the hint: ['learner', 'learners']. */
  noun: readonly [one: string, other: string]
  disabled?: boolean
  w?: StyleProp<React.CSSProperties['width']>
}

export function ServerSearchSelect({ label, placeholder, value, onChange, search, valueLabel, scope, noun, disabled, w }: ServerSearchSelectProps) {
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<PickerOption | null>(null)
  // Once an option is chosen the box shows its label: that is not a search.
  const query = chosen && text === chosen.label ? '' : text.trim()
  const [debounced] = useDebouncedValue(query, 250)
  const [page, setPage] = useState<PickerPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const searchRef = useRef(search)
  searchRef.current = search

  useEffect(() => {
    if (disabled) return
    let stale = false
    searchRef
      .current(debounced)
      .then((p) => !stale && (setPage(p), setError(null)))
      .catch((e: unknown) => !stale && setError(errorMessage(e)))
    return () => {
      stale = true
    }
  }, [debounced, scope, disabled])

  // A value set from outside shows its label; a cleared one forgets it.
  useEffect(() => {
    if (value === null) {
      if (chosen) setText('')
      setChosen(null)
    } else if (valueLabel && chosen?.value !== value) {
      setChosen({ value, label: valueLabel })
      setText(valueLabel)
    }
  }, [value, valueLabel, chosen])

  const options = page?.options ?? []
  const data = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options
  const more = page ? page.total - page.options.length : 0
  const hint = error ?? (page && more > 0 ? `${plural(page.total, noun[0], noun[1])} match; ${formatNumber(page.options.length)} shown. Type to narrow.` : undefined)

  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      disabled={disabled}
      data={data}
      value={value}
      searchValue={text}
      onSearchChange={setText}
      // The server already chose the matches; the box does not filter them again.
      filter={({ options: all }) => all}
      onChange={(v, option) => {
        const picked = v && option ? { value: v, label: option.label } : null
        setChosen(picked)
        onChange(v, picked)
      }}
      nothingFoundMessage={page ? `No ${noun[1]} match “${query}”.` : `Loading ${noun[1]}…`}
      description={hint}
      error={error ? true : undefined}
      w={w}
    />
  )
}
