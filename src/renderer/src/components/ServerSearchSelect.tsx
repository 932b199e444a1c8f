// Pickers over more rows than a page can hold (tens of thousands of learners): what is typed
// is searched on the server, the first matches are offered, and the hint says how many match
// in all, so nothing is cut off without a word. The chosen options keep their labels while
// the options change. One value (ServerSearchSelect) or several (ServerSearchMultiSelect).
import { MultiSelect, Select, type ComboboxProps, type StyleProp } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useLmsRead, type LmsRead } from '../data/queries'
import { useT, type T } from '../i18n'

export interface PickerOption {
  value: string
  label: string
}

export interface PickerPage {
  options: PickerOption[]
  /** How many rows match the text in all (the options are the first of them). */
  total: number
}

/** What the rows are, for the hint ("1,204 learners match") and the empty list. */
export type PickerNoun = 'learner' | 'user' | 'course'

/**
 * The first matches of `query`: a read of the data layer, asked again when the query, the
 * scope in the read's input or how many are wanted change, and when the engine says what
 * it reads changed. The last matches stay while the next are on their way.
 */
function useServerSearch(search: (text: string) => LmsRead<PickerPage>, query: string, disabled: boolean | undefined) {
  const [debounced] = useDebouncedValue(query, 250)
  const found = useLmsRead(disabled ? null : search(debounced), { keepPrevious: true })
  return { page: found.data, error: found.error, loading: found.loading || debounced !== query }
}

/** "1,204 users match; 20 shown. Type to narrow." when more match than are offered. */
function matchHint(t: T, total: number, shown: number, noun: PickerNoun): string | undefined {
  return total > shown ? t('picker.matches', { kind: noun, total, shown }) : undefined
}

interface ServerSearchSelectProps {
  label: string
  placeholder?: string
  value: string | null
  onChange(value: string | null, option: PickerOption | null): void
  /** The read of the first matches of `text` (all rows when it is empty). */
  search(text: string): LmsRead<PickerPage>
  /** The label of a value set from outside (not chosen here), once known. */
  valueLabel?: string | null
  /** What the rows are, for the hint and the empty list. */
  noun: PickerNoun
  disabled?: boolean
  w?: StyleProp<React.CSSProperties['width']>
}

export function ServerSearchSelect({ label, placeholder, value, onChange, search, valueLabel, noun, disabled, w }: ServerSearchSelectProps) {
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<PickerOption | null>(null)
  // Once an option is chosen the box shows its label: that is not a search.
  const query = chosen && text === chosen.label ? '' : text.trim()
  const { page, error } = useServerSearch(search, query, disabled)
  const t = useT()

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
  const hint = error ?? (page ? matchHint(t, page.total, page.options.length, noun) : undefined)

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

/** Where a multi-value picker's options and labels come from. */
export interface ServerSearchMultiSelectSource {
  /** The read of the first `limit` matches of `text` (all rows when it is empty). */
  search(text: string, limit: number): LmsRead<PickerPage>
  /** The labels of values set from outside (a record being edited), fetched by value. */
  labelsOf(values: string[]): Promise<PickerOption[]>
  noun: PickerNoun
}

interface ServerSearchMultiSelectProps extends ServerSearchMultiSelectSource {
  label: string
  /** What the field is for; the hint about matches follows it. */
  description?: string
  placeholder?: string
  values: string[]
  onChange(values: string[]): void
  /** How many options the open list offers (besides those already chosen). */
  limit?: number
  nothingFoundMessage?(query: string, loading: boolean): ReactNode
  rightSection?: ReactNode
  error?: ReactNode
  required?: boolean
  disabled?: boolean
  name?: string
  autoFocus?: boolean
  maxDropdownHeight?: number
  comboboxProps?: ComboboxProps
  w?: StyleProp<React.CSSProperties['width']>
}

export function ServerSearchMultiSelect(props: ServerSearchMultiSelectProps) {
  const { label, description, placeholder, values, onChange, search, labelsOf, noun, limit = 20, error, disabled } = props
  const [text, setText] = useState('')
  // Labels of the chosen values, kept while other searches change the options.
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map())
  const query = text.trim()
  // Enough are asked for that `limit` are left once the chosen ones are left out.
  const wanted = limit + values.length
  const found = useServerSearch((q) => search(q, wanted), query, disabled)
  const t = useT()

  const labelsRef = useRef(labelsOf)
  labelsRef.current = labelsOf
  const missing = values.filter((v) => !known.has(v))
  const missingKey = missing.join(',')
  useEffect(() => {
    if (!missingKey) return
    let stale = false
    labelsRef
      .current(missingKey.split(','))
      .then((options) => !stale && setKnown((k) => new Map([...k, ...options.map((o): [string, string] => [o.value, o.label])])))
      .catch(() => undefined)
    return () => {
      stale = true
    }
  }, [missingKey])

  const page = found.page
  const unpicked = (page?.options ?? []).filter((o) => !values.includes(o.value))
  const offered = unpicked.slice(0, limit)
  // Chosen values show their label once known (their number until then).
  const data = [...values.map((v) => ({ value: v, label: known.get(v) ?? v })), ...offered]
  // The count leaves out the chosen ones among the matches: they are not offered again.
  const hint = found.error ?? (page ? matchHint(t, page.total - (page.options.length - unpicked.length), offered.length, noun) : undefined)

  return (
    <MultiSelect
      label={label}
      description={
        description || hint ? (
          <>
            {description}
            {description && hint ? <br /> : null}
            {hint}
          </>
        ) : undefined
      }
      placeholder={placeholder}
      name={props.name}
      required={props.required}
      disabled={disabled}
      data={data}
      value={values}
      onChange={(next) => {
        setKnown((k) => new Map([...k, ...data.filter((o) => next.includes(o.value)).map((o): [string, string] => [o.value, o.label])]))
        onChange(next)
      }}
      searchable
      searchValue={text}
      onSearchChange={setText}
      // The server already chose the matches; the box does not filter them again.
      filter={({ options: all }) => all}
      clearable
      hidePickedOptions
      limit={limit}
      nothingFoundMessage={props.nothingFoundMessage ? props.nothingFoundMessage(query, found.loading) : found.loading ? t('picker.loading', { kind: noun }) : t('picker.noMatch', { kind: noun, query })}
      rightSection={props.rightSection}
      error={error ?? (found.error ? true : undefined)}
      maxDropdownHeight={props.maxDropdownHeight}
      comboboxProps={props.comboboxProps}
      data-autofocus={props.autoFocus || undefined}
      w={props.w}
    />
  )
}
