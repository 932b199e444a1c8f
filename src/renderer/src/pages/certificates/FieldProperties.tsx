// The selected field's properties: what it prints, its font, size, colour, alignment and box.
import { Button, ColorInput, Group, NumberInput, Select, Stack, Switch, TextInput, Title } from '@mantine/core'
import type { CertificateField } from '../../../../shared/operations/certificates'

interface FieldPropertiesProps {
  field: CertificateField
  keys: { value: string; label: string }[]
  fonts: string[]
  onChange(patch: Partial<CertificateField>): void
  onRemove(): void
}

const num = (v: string | number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

export function FieldProperties({ field, keys, fonts, onChange, onRemove }: FieldPropertiesProps) {
  return (
    <Stack gap="xs" aria-labelledby="field-properties-title">
      <Title order={3} size="h5" id="field-properties-title">
        Field properties
      </Title>
      <Select label="Prints" data={keys} value={field.key} allowDeselect={false} onChange={(v) => v && onChange({ key: v, value: keys.find((k) => k.value === v)?.label ?? v })} />
      {field.key === 'custom_text' && <TextInput label="Text" value={field.value} onChange={(e) => onChange({ value: e.currentTarget.value })} />}
      <Select label="Font" data={fonts} value={field.font_family} allowDeselect={false} onChange={(v) => v && onChange({ font_family: v as CertificateField['font_family'] })} />
      <Group grow>
        <NumberInput label="Size" min={4} max={400} value={field.font_size} onChange={(v) => onChange({ font_size: num(v, field.font_size) })} />
        <ColorInput label="Colour" value={field.font_color} format="hex" withEyeDropper={false} onChange={(v) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) && onChange({ font_color: v })} />
      </Group>
      <Switch label="Centre the text in its box" checked={field.align_center} onChange={(e) => onChange({ align_center: e.currentTarget.checked })} />
      <Group grow>
        <NumberInput label="Left" value={field.left} onChange={(v) => onChange({ left: num(v, field.left) })} />
        <NumberInput label="Top" value={field.top} onChange={(v) => onChange({ top: num(v, field.top) })} />
      </Group>
      <Group grow>
        <NumberInput label="Width" min={1} value={field.width} onChange={(v) => onChange({ width: num(v, field.width) })} />
        <NumberInput label="Height" min={1} value={field.height} onChange={(v) => onChange({ height: num(v, field.height) })} />
      </Group>
      <Button variant="light" color="red" onClick={onRemove}>
        Remove field
      </Button>
    </Stack>
  )
}
