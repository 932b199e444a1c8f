import { TextInput } from '@mantine/core'

interface ListSearchProps {
  label: string
  placeholder?: string
  value: string
  onChange(value: string): void
}

/** The search box of a server-side list; the list debounces what is typed. */
export function ListSearch({ label, placeholder, value, onChange }: ListSearchProps) {
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', sm: 320 }}
    />
  )
}
