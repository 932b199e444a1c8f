import { TextInput, type StyleProp } from '@mantine/core'
import type { Ref } from 'react'

interface ListSearchProps {
  label: string
  placeholder?: string
  value: string
  onChange(value: string): void
  inputRef?: Ref<HTMLInputElement>
  w?: StyleProp<React.CSSProperties['width']>
}

/** The search box of a server-side list; the list debounces what is typed. */
export function ListSearch({ label, placeholder, value, onChange, inputRef, w }: ListSearchProps) {
  return (
    <TextInput
      ref={inputRef}
      type="search"
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={w ?? { base: '100%', sm: 320 }}
    />
  )
}
