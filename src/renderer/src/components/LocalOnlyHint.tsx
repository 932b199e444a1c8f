// The hint next to a value the hosted LMS's reference gives no way to send or read
// (src/shared/contract/local-only.ts). Shown always, hosted LMS configured or not: a value
// typed before sync is set up would otherwise reach the hosted LMS never, unannounced.
// In a form it is the input's description (announced with the field through
// aria-describedby, so a keyboard user hears it on reaching the field); elsewhere a line of
// its own under the value.
import { Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { localOnlyField, type LocalOnlyField, type LocalOnlyReason } from '../../../shared/contract/local-only'
import type { QueuedName } from '../../../shared/operations/index'
import { useT, type MessageId } from '../i18n'

const TEXT: Record<LocalOnlyReason, MessageId> = {
  notInReference: 'localOnly.notInReference',
  noParameter: 'localOnly.noParameter',
  editsNotSent: 'localOnly.editsNotSent',
}

function InfoGlyph() {
  return (
    <svg aria-hidden="true" focusable="false" width="12" height="12" viewBox="0 0 16 16" style={{ verticalAlign: '-1px', marginInlineEnd: 4, flexShrink: 0 }}>
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="7.25" y="7" width="1.5" height="5" fill="currentColor" />
      <circle cx="8" cy="4.75" r="1" fill="currentColor" />
    </svg>
  )
}

/** The hint's content for a field, or undefined when the operation saving it sends it. */
export function useLocalOnlyHint(entity: LocalOnlyField['entity'], operation: QueuedName): (field: string) => ReactNode | undefined {
  const t = useT()
  return (field) => {
    const declared = localOnlyField(entity, field, operation)
    if (!declared) return undefined
    return (
      <span data-local-only={field}>
        <InfoGlyph />
        {t(TEXT[declared.reason])}
      </span>
    )
  }
}

/** The hint as a line of its own (detail views), or nothing. */
export function LocalOnlyLine({ entity, field, operation }: { entity: LocalOnlyField['entity']; field: string; operation: QueuedName }) {
  const hint = useLocalOnlyHint(entity, operation)(field)
  return hint ? (
    <Text size="xs" c="dimmed" mt={4}>
      {hint}
    </Text>
  ) : null
}
