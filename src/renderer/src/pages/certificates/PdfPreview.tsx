// A live PDF preview: the engine renders the PDF, the page shows it from a blob URL in an
// iframe (the browser's own PDF viewer), with the warnings the renderer gave.
import { Alert, Group, Loader, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { BinaryAnswer } from '../../../../shared/contract/binary'
import { blobUrlOf } from './pdfFiles'
import classes from './Certificates.module.css'
import { useT } from '../../i18n'

interface PdfPreviewProps {
  answer: BinaryAnswer | null
  loading: boolean
  error: string | null
  title: string
}

export function PdfPreview({ answer, loading, error, title }: PdfPreviewProps) {
  const [url, setUrl] = useState<string | null>(null)
  const t = useT()
  useEffect(() => {
    if (!answer) return
    const next = blobUrlOf(answer)
    setUrl(next)
    return () => URL.revokeObjectURL(next)
  }, [answer])

  return (
    <Stack gap="xs">
      <Group gap="xs" mih={24}>
        {loading && <Loader size="xs" aria-label={t('certs.preview.updating')} />}
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="preview-status">
          {loading ? t('certs.preview.updatingText') : answer ? t('certs.preview.upToDate', { size: Math.round(answer.bytes.byteLength / 1024) }) : ''}
        </Text>
      </Group>
      {error && (
        <Alert color="red" title={t('certs.preview.failed')} role="alert">
          {error}
        </Alert>
      )}
      {answer && answer.warnings.length > 0 && (
        <Alert color="orange" title={t('certs.preview.check')} data-testid="preview-warnings">
          <Stack gap={4}>
            {answer.warnings.map((w) => (
              <Text size="sm" key={w}>
                {w}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {url && <iframe className={classes.preview} src={url} title={title} data-testid="pdf-preview" />}
    </Stack>
  )
}
