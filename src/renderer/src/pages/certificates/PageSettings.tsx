// The certificate page itself: the template's name, the page size and its background image.
import { Button, FileButton, Group, NumberInput, Text, TextInput } from '@mantine/core'
import type { CertificateTemplateData } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { notifyError, notifySuccess } from '../../lib/notify'

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

interface PageSettingsProps {
  draft: CertificateTemplateData
  /** The background as this app can show it; null when it is a remote address. */
  background: string | null
  update(patch: Partial<CertificateTemplateData>): void
}

export function PageSettings({ draft, background, update }: PageSettingsProps) {
  const t = useT()

  async function uploadBackground(file: File | null) {
    if (!file) return
    try {
      const stored = await lms.call('certificates.uploadBackground', { file: { name: file.name, contentBase64: await fileToBase64(file) } })
      update({ bg_url: stored.url })
      notifySuccess(t('certs.editor.backgroundSet', { width: stored.width, height: stored.height }))
    } catch (e) {
      notifyError(e, t('certs.editor.backgroundFailed'))
    }
  }

  return (
    <>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label={t('certs.editor.name')} required value={draft.name} onChange={(e) => update({ name: e.currentTarget.value })} w={260} />
        <NumberInput label={t('certs.editor.width')} min={50} max={5000} value={draft.width} onChange={(v) => typeof v === 'number' && update({ width: v })} w={120} />
        <NumberInput label={t('certs.editor.height')} min={50} max={5000} value={draft.height} onChange={(v) => typeof v === 'number' && update({ height: v })} w={120} />
        <FileButton onChange={(f) => void uploadBackground(f)} accept="image/png,image/jpeg">
          {(props) => (
            <Button variant="light" {...props}>
              {t('certs.editor.background')}
            </Button>
          )}
        </FileButton>
        {draft.bg_url && (
          <Button variant="subtle" color="red" onClick={() => update({ bg_url: null })}>
            {t('certs.editor.removeBackground')}
          </Button>
        )}
      </Group>
      {draft.bg_url && !background && (
        <Text size="sm" c="dimmed">
          {t.rich('certs.editor.remoteBackground', { url: <bdi>{draft.bg_url}</bdi> })}
        </Text>
      )}
    </>
  )
}
