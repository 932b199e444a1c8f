// The selected field's properties: what it prints, its font, size, colour, alignment and box.
import { Button, ColorInput, Group, NumberInput, Select, Stack, Switch, TextInput, Title } from '@mantine/core'
import type { CertificateField } from '../../../../shared/operations/certificates'
import { useT } from '../../i18n'

interface FieldPropertiesProps {
  field: CertificateField
  keys: { value: string; label: string }[]
  fonts: string[]
  onChange(patch: Partial<CertificateField>): void
  onRemove(): void
}

const num = (v: string | number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

export function FieldProperties({ field, keys, fonts, onChange, onRemove }: FieldPropertiesProps) {
  const t = useT()
  return (
    <Stack gap="xs" aria-labelledby="field-properties-title">
      <Title order={3} size="h5" id="field-properties-title">
        {t('certs.field.properties')}
      </Title>
      <Select label={t('certs.field.prints')} data={keys} value={field.key} allowDeselect={false} onChange={(v) => v && onChange({ key: v, value: keys.find((k) => k.value === v)?.label ?? v })} />
      {field.key === 'custom_text' && <TextInput label={t('certs.field.text')} value={field.value} onChange={(e) => onChange({ value: e.currentTarget.value })} />}
      <Select label={t('certs.field.font')} data={fonts} value={field.font_family} allowDeselect={false} onChange={(v) => v && onChange({ font_family: v as CertificateField['font_family'] })} />
      <Group grow>
        <NumberInput label={t('certs.field.size')} min={4} max={400} value={field.font_size} onChange={(v) => onChange({ font_size: num(v, field.font_size) })} />
        <ColorInput label={t('certs.field.colour')} value={field.font_color} format="hex" withEyeDropper={false} onChange={(v) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) && onChange({ font_color: v })} />
      </Group>
      <Switch label={t('certs.field.centre')} checked={field.align_center} onChange={(e) => onChange({ align_center: e.currentTarget.checked })} />
      <Group grow>
        <NumberInput label={t('certs.field.left')} value={field.left} onChange={(v) => onChange({ left: num(v, field.left) })} />
        <NumberInput label={t('certs.field.top')} value={field.top} onChange={(v) => onChange({ top: num(v, field.top) })} />
      </Group>
      <Group grow>
        <NumberInput label={t('certs.field.width')} min={1} value={field.width} onChange={(v) => onChange({ width: num(v, field.width) })} />
        <NumberInput label={t('certs.field.height')} min={1} value={field.height} onChange={(v) => onChange({ height: num(v, field.height) })} />
      </Group>
      <Button variant="light" color="red" onClick={onRemove}>
        {t('certs.field.remove')}
      </Button>
    </Stack>
  )
}
