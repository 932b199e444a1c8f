// Choosing the CSV: a drop area that is also a button (Enter or Space opens the picker),
// and the sample file to start from.
import { Anchor, Group, Text } from '@mantine/core'
import { lms } from '../../api/client'
import { notifyError } from '../../lib/notify'
import { csvText } from '../../../../shared/format/csv'
import { saveText } from '../../lib/download'
import { useT } from '../../i18n'
import { Section } from '../../components/Section'
import { DropZone } from './DropZone'

export function FileChooser({ fileName, onFile }: { fileName: string | null; onFile(file: File): void }) {
  const t = useT()

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
      <DropZone fileName={fileName} onFile={onFile} />
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
