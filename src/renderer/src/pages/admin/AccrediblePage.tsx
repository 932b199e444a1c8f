// The Accredible screen: the groups the last sync brought from the hosted LMS, and a key
// check, which needs Accredible itself and is refused offline with the engine's message.
import { Alert, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'

export function AccrediblePage() {
  const groups = useLmsQuery('accredible.groupLookup', {})
  const [key, setKey] = useState('')
  const [checking, setChecking] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null)
  const t = useT()

  async function check(event: FormEvent) {
    event.preventDefault()
    setChecking(true)
    setAnswer(null)
    try {
      const result = await lms.call('accredible.validateKey', { key })
      setAnswer({ ok: true, text: apiMessage(result.message, 'accredible.valid') })
    } catch (error) {
      setAnswer({ ok: false, text: errorMessage(error) })
    } finally {
      setChecking(false)
    }
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('accredible.title')} />
      <section aria-labelledby="accredible-groups">
        <Text component="h2" fw={600} id="accredible-groups" mb="xs">
          {t('accredible.groups')}
        </Text>
        {groups.loading && <Loader size="sm" aria-label={t('accredible.loading')} />}
        {groups.error && (
          <Alert color="red" role="alert" title={t('accredible.loadFailed')}>
            {groups.error}
          </Alert>
        )}
        {groups.data && (
          <>
            <Text size="sm" c="dimmed" mb="xs">
              {groups.data.pulledAt ? t('accredible.asOf', { when: formatDateTime(groups.data.pulledAt) }) : t('accredible.notSynced')}
            </Text>
            <Table aria-labelledby="accredible-groups" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accredible.id')}</Table.Th>
                  <Table.Th>{t('accredible.name')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.data.data.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{g.id}</Table.Td>
                    <Table.Td>{g.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </section>
      <form onSubmit={check} aria-labelledby="accredible-key">
        <Text component="h2" fw={600} id="accredible-key" mb="xs">
          {t('accredible.checkKey')}
        </Text>
        <Group align="flex-end">
          <TextInput label={t('accredible.key')} value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoComplete="off" w={360} />
          <Button type="submit" loading={checking}>
            {t('accredible.check')}
          </Button>
        </Group>
        {answer && (
          <Alert mt="sm" color={answer.ok ? 'green' : 'orange'} role={answer.ok ? 'status' : 'alert'}>
            {answer.text}
          </Alert>
        )}
      </form>
    </Stack>
  )
}
