// Choosing the CSV: a drop area that is also a button (Enter or Space opens the picker),
// and the sample file to start from.
import { Anchor, Group, Paper, Text, Title } from '@mantine/core'
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { lms } from '../../api/client'
import { notifyError } from '../../lib/notify'
import { safeCsvCell } from '../../../../shared/operations/import'
import { saveText } from './files'

export function FileChooser({ fileName, onFile }: { fileName: string | null; onFile(file: File): void }) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)

  const drop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    const file = event.dataTransfer.files[0]
    if (file) onFile(file)
  }
  const key = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      input.current?.click()
    }
  }
  const sample = async () => {
    try {
      const s = await lms.call('users.bulkUploadSample', {})
      const lines = [s.headers.join(','), ...s.records.map((r) => s.headers.map((h) => safeCsvCell(String((r as Record<string, string>)[h] ?? ''))).join(','))]
      saveText('\ufeff' + lines.join('\r\n') + '\r\n', 'users-sample.csv')
    } catch (error) {
      notifyError(error, 'The sample file could not be made')
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-file-title">
      <Title order={2} size="h4" id="import-file-title" mb="xs">
        1. Choose a CSV file
      </Title>
      <div
        role="button"
        tabIndex={0}
        aria-describedby="import-drop-help"
        data-testid="import-dropzone"
        onClick={() => input.current?.click()}
        onKeyDown={key}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        style={{
          border: `2px dashed ${over ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-5)'}`,
          borderRadius: 8,
          padding: '1.5rem',
          textAlign: 'center',
          cursor: 'pointer',
          background: over ? 'var(--mantine-color-blue-0)' : undefined,
        }}
      >
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {fileName ? `Chosen: ${fileName}` : 'Drop a CSV file here, or choose one'}
        </Text>
        <Text size="sm" id="import-drop-help">
          Comma, semicolon or tab separated; UTF-8 or Windows (Excel) encoding; up to 50 MB. Nothing is written until you import.
        </Text>
      </div>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,.tsv,text/csv,text/plain"
        aria-label="CSV file of users"
        data-testid="import-file-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          if (file) onFile(file)
          e.currentTarget.value = ''
        }}
      />
      <Group mt="xs" gap="xs">
        <Text size="sm">
          Columns: email (or a user name that is an email), first and last name (or one full name), password (empty: generated), courses (names, slugs or ids;
          several separated by ; or |), classes. Exports of Google Workspace, Microsoft 365, Entra ID, Moodle and Canvas are read as they are.
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={() => void sample()}>
          Download a sample file
        </Anchor>
      </Group>
    </Paper>
  )
}
