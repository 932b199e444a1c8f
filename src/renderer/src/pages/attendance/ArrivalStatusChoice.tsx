// The status a walk-in arrives with: they are in the room, so Attended unless the trainer
// chooses Registered.
import { Group, Radio } from '@mantine/core'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { useT } from '../../i18n'

export type ArrivalStatus = Extract<ClassStatus, 'Attended' | 'Registered'>

export function ArrivalStatusChoice({ value, onChange }: { value: ArrivalStatus; onChange(status: ArrivalStatus): void }) {
  const t = useT()
  return (
    <Radio.Group label={t('walkIn.markAs')} value={value} onChange={(v) => onChange(v as ArrivalStatus)} mb="md">
      <Group gap="lg" mt={6}>
        <Radio value="Attended" label={t('walkIn.attended')} />
        <Radio value="Registered" label={t('walkIn.registered')} />
      </Group>
    </Radio.Group>
  )
}
