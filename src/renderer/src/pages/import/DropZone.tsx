// The drop area that is also a button: drop a file on it, or click it or press Enter or
// Space to open the file picker (a hidden file input).
import { Text } from '@mantine/core'
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { useT } from '../../i18n'

export function DropZone({ fileName, onFile }: { fileName: string | null; onFile(file: File): void }) {
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

  return (
    <>
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
    </>
  )
}
