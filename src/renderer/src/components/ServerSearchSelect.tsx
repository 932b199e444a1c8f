// A picker over more rows than a page can hold (tens of thousands of learners): what is typed
// is searched on the server, the first matches are offered, and the hint says how many match
// in all, so nothing is cut off without a word. The chosen option keeps its label while the
// options change.
import { Select, type StyleProp } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../lib/errors'
import { useT } from '../i18n'

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
  /** What the rows are, for the hint ("1,204 learners match"). */
  noun: 'learner' | 'user'
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
  const t = useT()
  const hint = error ?? (page && more > 0 ? t('picker.matches', { kind: noun, total: page.total, shown: page.options.length }) : undefined)

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
      nothingFoundMessage={page ? t('picker.noMatch', { kind: noun, query }) : t('picker.loading', { kind: noun })}
      description={hint}
      error={error ? true : undefined}
      w={w}
    />
  )
}
