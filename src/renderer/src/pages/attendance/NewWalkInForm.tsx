// The walk-in dialog's form for someone with no account yet: name and email, created and
// enrolled in one step; the fields the engine refuses say why.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useT } from '../../i18n'
import type { NewWalkIn } from './useNewWalkIn'

export function NewWalkInForm({ walkIn }: { walkIn: NewWalkIn }) {
  const t = useT()
  const { form, setForm, errors } = walkIn
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void walkIn.createAndEnroll()
      }}
    >
      <Stack gap="sm">
        <Group grow>
          <TextInput label={t('walkIn.firstName')} required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.currentTarget.value })} error={errors.firstName} />
          <TextInput label={t('walkIn.lastName')} value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.currentTarget.value })} error={errors.lastName} />
        </Group>
        <TextInput label={t('walkIn.email')} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={errors.email} />
        {walkIn.formError && (
          <Text c="red.9" size="sm" role="alert">
            {walkIn.formError}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={walkIn.creating}>
            {t('walkIn.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
