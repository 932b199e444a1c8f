// Choosing the CSV: a drop area that is also a button (Enter or Space opens the picker),
// and the sample file to start from.
import { Anchor, Group, Text } from '@mantine/core'
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { lms } from '../../api/client'
import { notifyError } from '../../lib/notify'
import { csvText } from '../../../../shared/format/csv'
import { saveText } from '../../lib/download'
import { useT } from '../../i18n'
import { Section } from '../../components/Section'

export function FileChooser({ fileName, onFile }: { fileName: string | null; onFile(file: File): void }) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)
  const t = useT()

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
      saveText(csvText([s.headers, ...s.records.map((r) => s.headers.map((h) => String((r as Record<string, string>)[h] ?? '')))]), 'users-sample.csv')
    } catch (error) {
      notifyError(error, t('import.sampleFailed'))
    }
  }

  return (
    <Section id="import-file-title" title={t('import.step1')}>
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
          {fileName ? t('import.chosen', { name: fileName }) : t('import.drop')}
        </Text>
        <Text size="sm" id="import-drop-help">
          {t('import.dropHelp')}
        </Text>
      </div>
      <input
        ref={input}
        type="file"
        accept=".csv,.txt,.tsv,text/csv,text/plain"
        aria-label={t('import.fileInput')}
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
          {t('import.columnsHelp')}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={() => void sample()}>
          {t('import.sample')}
        </Anchor>
      </Group>
    </Section>
  )
}
