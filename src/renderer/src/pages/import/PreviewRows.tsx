// The first rows as the import will store them, with everything each row gets: its own
// courses and classes and the ones chosen for everyone, the group and the membership plan.
// A table on wide screens; on phones and tablets, one block per row (a table of nine
// columns would only scroll sideways there).
import { useMediaQuery } from '@mantine/hooks'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { PreviewCards } from './PreviewCards'
import { PreviewTable } from './PreviewTable'

export function PreviewRows({ rows }: { rows: ImportPreviewRow[] }) {
  const narrow = useMediaQuery('(max-width: 62em)')
  return narrow ? <PreviewCards rows={rows} /> : <PreviewTable rows={rows} />
}
