// The fields on the certificate page (add one by its key; drag to move and resize) and the
// selected field's properties beside them.
import { Grid, Group, Select, Stack, Text } from '@mantine/core'
import { CERTIFICATE_FONTS, type CertificateField, type CertificateTemplateData } from '../../../../shared/operations/certificates'
import { useT } from '../../i18n'
import { FieldCanvas } from './FieldCanvas'
import { FieldProperties } from './FieldProperties'

interface FieldEditorProps {
  draft: CertificateTemplateData
  background: string | null
  keyOptions: { value: string; label: string }[]
  /** Each key's name in the trainer's language. */
  labels: Record<string, string>
  selected: number | null
  onSelect(index: number | null): void
  onAdd(key: string, label: string): void
  onChange(index: number, patch: Partial<CertificateField>): void
  onRemove(index: number): void
}

export function FieldEditor({ draft, background, keyOptions, labels, selected, onSelect, onAdd, onChange, onRemove }: FieldEditorProps) {
  const t = useT()
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="xs">
          <Group gap="xs">
            <Select
              aria-label={t('certs.editor.addField')}
              placeholder={t('certs.editor.addFieldPlaceholder')}
              data={keyOptions}
              value={null}
              onChange={(v) => v && onAdd(v, labels[v] ?? v)}
              w={260}
            />
            <Text size="xs" c="dimmed">
              {t('certs.editor.dragHelp')}
            </Text>
          </Group>
          <FieldCanvas width={draft.width} height={draft.height} background={background} fields={draft.fields} labels={labels} selected={selected} onSelect={onSelect} onChange={onChange} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        {selected !== null && draft.fields[selected] ? (
          <FieldProperties field={draft.fields[selected]} keys={keyOptions} fonts={[...CERTIFICATE_FONTS]} onChange={(patch) => onChange(selected, patch)} onRemove={() => onRemove(selected)} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('certs.editor.selectHelp')}
          </Text>
        )}
      </Grid.Col>
    </Grid>
  )
}
