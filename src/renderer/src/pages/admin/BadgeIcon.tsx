// A badge's icon as an image. The hosted LMS names its built-in icons by path
// (/images/badges/Badge_2.png); those files are not here offline, so the app ships its own
// drawings of them. An uploaded icon is shown from the data folder; an icon elsewhere on
// the web is not fetched (the app loads nothing remote) and is shown as a plain mark
// saying where it lives.
import { Box, Tooltip } from '@mantine/core'
import badge1 from '../../assets/badges/badge-1.svg'
import badge2 from '../../assets/badges/badge-2.svg'
import badge3 from '../../assets/badges/badge-3.svg'
import badge4 from '../../assets/badges/badge-4.svg'
import { uploadedFileView } from '../../lib/files'
import { t } from '../../i18n'

const BUILT_IN: Record<string, string> = { '1': badge1, '2': badge2, '3': badge3, '4': badge4 }

/** The built-in icon a URL names ("…/images/badges/Badge_3.png"), as its number. */
function builtInNumber(url: string): string | null {
  return /\/images\/badges\/Badge_(\d+)\.png$/i.exec(url)?.[1] ?? null
}

/** The name a built-in icon goes by in the lookup ("Badge 3"), else the file's name. */
export function badgeIconName(url: string): string {
  const n = builtInNumber(url)
  return n ? t('admin.badges.iconName', { n }) : url.split('/').pop() || url
}

/** `decorative` where the icon's name is written beside it (a choice in a list). */
export function BadgeIcon({ url, size = 32, decorative = false }: { url: string; size?: number; decorative?: boolean }) {
  const n = builtInNumber(url)
  const src = n ? BUILT_IN[n] : uploadedFileView(url).href
  const name = badgeIconName(url)
  if (src) return <img src={src} alt={decorative ? '' : name} width={size} height={size} style={{ display: 'block' }} />
  return (
    <Tooltip label={t('admin.badges.remoteTip', { url })}>
      <Box
        role="img"
        aria-label={t('admin.badges.remoteLabel', { name })}
        w={size}
        h={size}
        style={{ borderRadius: '50%', border: '2px dashed var(--mantine-color-gray-6)' }}
      />
    </Tooltip>
  )
}
