// The `?` cheat sheet, generated from the shortcut table the key handlers use.
import { Kbd, Modal, Table, Text } from '@mantine/core'
import { Fragment } from 'react'
import { useT, type MessageId, type T } from '../../i18n'
import { comboParts, SHORTCUTS, type KeyCombo, type Shortcut, type ShortcutScope } from './shortcuts'

const SCOPE_NOTES: Record<ShortcutScope, MessageId | null> = {
  page: null,
  anywhere: 'shortcuts.scope.anywhere',
  queue: 'shortcuts.scope.queue',
  field: 'shortcuts.scope.field',
  points: 'shortcuts.scope.points',
}

const GROUPS: Shortcut['group'][] = ['shortcuts.group.move', 'shortcuts.group.grade', 'shortcuts.group.focus', 'shortcuts.group.help']

/** The table's rows for a group: entries of the same action and label share a row. */
function rowsOf(group: Shortcut['group'], t: T) {
  const rows: { label: string; keys: { combo: KeyCombo; note: string }[] }[] = []
  for (const s of SHORTCUTS.filter((x) => x.group === group)) {
    let row = rows.find((r) => r.label === s.label)
    if (!row) rows.push((row = { label: s.label, keys: [] }))
    const note = SCOPE_NOTES[s.scope]
    for (const combo of s.keys) row.keys.push({ combo, note: note ? t(note) : '' })
  }
  return rows
}

export function ShortcutSheet({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const t = useT()
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="lg">
      <Text size="sm" mb="xs">
        {t('shortcuts.intro', { mod: comboParts({ key: 'Enter', mod: true })[0] })}
      </Text>
      {GROUPS.map((group) => (
        <Fragment key={group}>
          <Text fw={700} size="sm" mt="sm" mb={2} component="h3">
            {t(group)}
          </Text>
          <Table withRowBorders verticalSpacing={3} aria-label={t('shortcuts.tableLabel', { group: t(group) })} data-testid="shortcut-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="50%">{t('shortcuts.keys')}</Table.Th>
                <Table.Th>{t('shortcuts.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowsOf(group, t).map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Td>
                    {row.keys.map(({ combo, note }, i) => (
                      <Fragment key={i}>
                        {i > 0 && <Text span size="sm" c="dimmed">{` ${t('shortcuts.or')} `}</Text>}
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {comboParts(combo).map((part, j) => (
                            <Fragment key={j}>
                              {j > 0 && '+'}
                              <Kbd size="sm">{part}</Kbd>
                            </Fragment>
                          ))}
                          {note && (
                            <Text span size="xs" c="dimmed">
                              {` ${t('shortcuts.note', { note })}`}
                            </Text>
                          )}
                        </span>
                      </Fragment>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(row.label as MessageId)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Fragment>
      ))}
    </Modal>
  )
}
