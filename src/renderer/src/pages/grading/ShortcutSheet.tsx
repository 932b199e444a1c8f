// The `?` cheat sheet, generated from the shortcut table the key handlers use.
import { Kbd, Modal, Table, Text } from '@mantine/core'
import { Fragment } from 'react'
import { comboParts, SHORTCUTS, type KeyCombo, type Shortcut, type ShortcutScope } from './shortcuts'

const SCOPE_NOTES: Record<ShortcutScope, string> = {
  page: '',
  anywhere: 'also while typing',
  queue: 'in the list',
  field: 'in a field',
  points: 'in the points field',
}

const GROUPS: Shortcut['group'][] = ['Move between submissions', 'Grade', 'Focus', 'Help']

/** The table's rows for a group: entries of the same action and label share a row. */
function rowsOf(group: Shortcut['group']) {
  const rows: { label: string; keys: { combo: KeyCombo; note: string }[] }[] = []
  for (const s of SHORTCUTS.filter((x) => x.group === group)) {
    let row = rows.find((r) => r.label === s.label)
    if (!row) rows.push((row = { label: s.label, keys: [] }))
    for (const combo of s.keys) row.keys.push({ combo, note: SCOPE_NOTES[s.scope] })
  }
  return rows
}

export function ShortcutSheet({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Text size="sm" mb="xs">
        Single keys work when you are not typing in a field. Shortcuts with {comboParts({ key: 'Enter', mod: true })[0]} work everywhere on this screen.
      </Text>
      {GROUPS.map((group) => (
        <Fragment key={group}>
          <Text fw={700} size="sm" mt="sm" mb={2} component="h3">
            {group}
          </Text>
          <Table withRowBorders verticalSpacing={3} aria-label={`Shortcuts: ${group}`} data-testid="shortcut-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="50%">Keys</Table.Th>
                <Table.Th>Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowsOf(group).map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Td>
                    {row.keys.map(({ combo, note }, i) => (
                      <Fragment key={i}>
                        {i > 0 && <Text span size="sm" c="dimmed">{' or '}</Text>}
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {comboParts(combo).map((part, j) => (
                            <Fragment key={j}>
                              {j > 0 && '+'}
                              <Kbd size="sm">{part}</Kbd>
                            </Fragment>
                          ))}
                          {note && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              ({note})
                            </Text>
                          )}
                        </span>
                      </Fragment>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.label}</Text>
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
