// What the dry run found: counts, the first rows as they will be stored, every error with
// its row, column and value, and the error list as a CSV download.
import { Alert, Button, Paper, ScrollArea, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { lms } from '../../api/client'
import { notifyError } from '../../lib/notify'
import type { DryRunResult } from '../../../../shared/operations/import'
import { saveText } from './files'

/** Rows of the problem table drawn at once; a file of 50,000 bad rows would stall the page. */
const SHOWN_ERRORS = 500
const ACTION_LABEL = { create: 'New', update: 'Update', skip: 'Skip', error: 'Error' } as const

export function CheckSummary({ result, fileName }: { result: DryRunResult; fileName: string }) {
  const [saving, setSaving] = useState(false)
  const downloadErrors = async () => {
    setSaving(true)
    try {
      const { csv } = await lms.call('import.errorCsv', { errors: result.errors })
      saveText(csv, `${fileName.replace(/\.[^.]+$/, '')}-errors.csv`)
    } catch (error) {
      notifyError(error, 'The error list could not be saved')
    } finally {
      setSaving(false)
    }
  }
  const errorRows = new Set(result.errors.map((e) => e.row)).size
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-check-title">
      <Title order={2} size="h4" id="import-check-title" mb="xs">
        3. Check
      </Title>
      <Text size="sm" role="status" data-testid="import-summary">
        {result.rows} row(s) read: {result.create} new, {result.update} to update, {result.skip} skipped, {errorRows} with errors.
      </Text>
      {result.errors.length > 0 ? (
        <Alert color="red" variant="light" mt="sm" title={`${result.errors.length} problem(s) in ${errorRows} row(s)`}>
          <Text size="sm">Rows with problems are not imported. Fix them in the file and choose it again, or import the rest now.</Text>
          <Button mt="xs" size="xs" variant="default" onClick={() => void downloadErrors()} loading={saving}>
            Download the errors as CSV
          </Button>
        </Alert>
      ) : (
        <Text size="sm" mt="xs" c="teal.9" data-testid="import-no-errors">
          No problems found.
        </Text>
      )}
      {result.errors.length > 0 && (
        <ScrollArea.Autosize mah={320} mt="sm" type="auto">
          <Table striped withTableBorder aria-label="Problems found" data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                <Table.Th scope="col">Column</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
                <Table.Th scope="col">Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.value}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {result.errors.length > SHOWN_ERRORS && (
        <Text size="sm" mt="xs">
          Showing the first {SHOWN_ERRORS} of {result.errors.length} problems; the CSV download has them all.
        </Text>
      )}
      {result.skipped.length > 0 && (
        <Text size="sm" mt="sm">
          Skipped: {result.skipped.slice(0, 5).map((s) => `row ${s.row} (${s.email})`).join(', ')}
          {result.skipped.length > 5 ? ` and ${result.skipped.length - 5} more` : ''}. {result.skipped[0]?.reason}
        </Text>
      )}
      <Title order={3} size="h5" mt="md" mb="xs">
        The first rows as they will be stored
      </Title>
      <ScrollArea type="auto">
        <Table withTableBorder aria-label="Preview of the first rows" data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Row</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Email</Table.Th>
              <Table.Th scope="col">First name</Table.Th>
              <Table.Th scope="col">Last name</Table.Th>
              <Table.Th scope="col">Password</Table.Th>
              <Table.Th scope="col">Courses / classes</Table.Th>
              <Table.Th scope="col">Custom fields</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.preview.map((p) => (
              <Table.Tr key={p.row}>
                <Table.Td>{p.row}</Table.Td>
                <Table.Td>{ACTION_LABEL[p.action]}</Table.Td>
                <Table.Td>{p.email}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{p.first_name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{p.last_name}</Table.Td>
                <Table.Td>{p.password}</Table.Td>
                <Table.Td>{[...p.courses.map((c) => `course ${c}`), ...p.classes.map((c) => `class ${c}`)].join(', ')}</Table.Td>
                <Table.Td>{p.custom.join('; ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  )
}
