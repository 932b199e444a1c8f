// The walk-in dialog's search for a user who exists: the first matches, how many more there
// are, and a button to add each one not in the class yet.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useT } from '../../i18n'
import type { WalkInSearch as Search } from './useWalkInSearch'

export function WalkInSearch({ search }: { search: Search }) {
  const t = useT()
  const { matches, busyId } = search
  const found = matches?.options ?? null
  return (
    <>
      <TextInput
        type="search"
        label={t('walkIn.find')}
        description={t('walkIn.findHelp')}
        value={search.search}
        onChange={(e) => search.onSearch(e.currentTarget.value)}
        error={search.error}
        data-autofocus
      />
      <Stack gap={4} mt="sm" aria-live="polite">
        {found?.length === 0 && <Text size="sm">{t('walkIn.noMatch')}</Text>}
        {matches && matches.total > matches.options.length && (
          <Text size="sm" c="dimmed" data-testid="walkin-count">
            {t('walkIn.matches', { total: matches.total, shown: matches.options.length })}
          </Text>
        )}
        {found?.map((u) => {
          const inClass = u.inClass === true
          const name = `${u.firstName} ${u.lastName}`.trim()
          return (
            <Group key={u.id} justify="space-between" wrap="nowrap" data-testid="walkin-result">
              <div>
                <Text fw={600}>{name}</Text>
                <Text size="sm" c="dimmed">
                  <bdi>{u.email}</bdi>
                </Text>
              </div>
              <Button
                size="sm"
                variant={inClass ? 'default' : 'filled'}
                disabled={inClass}
                loading={busyId === u.id}
                onClick={() => void search.addExisting(u)}
                aria-label={inClass ? t('walkIn.inClassLabel', { name }) : t('walkIn.addLabel', { name })}
              >
                {inClass ? t('walkIn.inClass') : t('walkIn.add')}
              </Button>
            </Group>
          )
        })}
      </Stack>
    </>
  )
}
