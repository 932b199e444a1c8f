// The hint next to a value the hosted LMS's reference gives no way to send or read
// (src/shared/contract/local-only.ts). Shown always, hosted LMS configured or not: a value
// typed before sync is set up would otherwise reach the hosted LMS never, unannounced.
// In a form it is the input's description (announced with the field through
// aria-describedby, so a keyboard user hears it on reaching the field); in a view a line of
// its own under the value; in a column header a button that names it and shows it on
// hover, focus or touch.
import { Text, Tooltip, UnstyledButton } from '@mantine/core'
import type { ReactNode } from 'react'
import { localOnlyField, type LocalOnlyField, type LocalOnlyReason } from '../../../shared/contract/local-only'
import type { QueuedName } from '../../../shared/operations/index'
import { useT, type MessageId } from '../i18n'

const TEXT: Record<LocalOnlyReason, MessageId> = {
  notInReference: 'localOnly.notInReference',
  noParameter: 'localOnly.noParameter',
  editsNotSent: 'localOnly.editsNotSent',
  relativeOnly: 'localOnly.relativeOnly',
}

type Entity = LocalOnlyField['entity']

function InfoGlyph() {
  return (
    <svg aria-hidden="true" focusable="false" width="12" height="12" viewBox="0 0 16 16" style={{ verticalAlign: '-1px', marginInlineEnd: 4, flexShrink: 0 }}>
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="7.25" y="7" width="1.5" height="5" fill="currentColor" />
      <circle cx="8" cy="4.75" r="1" fill="currentColor" />
    </svg>
  )
}

/** The hint's text for a field, or undefined when it is not declared (for that operation, in a form). */
function useHintText(): (entity: Entity, field: string, operation?: QueuedName) => string | undefined {
  const t = useT()
  return (entity, field, operation) => {
    const declared = localOnlyField(entity, field, operation)
    return declared && t(TEXT[declared.reason])
  }
}

/** The hint's content for a field of a form, or undefined when the operation saving it sends it. */
export function useLocalOnlyHint(entity: Entity, operation: QueuedName): (field: string) => ReactNode | undefined {
  const text = useHintText()
  return (field) => {
    const hint = text(entity, field, operation)
    return (
      hint && (
        <span data-local-only={field}>
          <InfoGlyph />
          {hint}
        </span>
      )
    )
  }
}

/** The hint as a line of its own under a value (views), or nothing. */
export function LocalOnlyLine({ entity, field }: { entity: Entity; field: string }) {
  const hint = useHintText()(entity, field)
  return hint ? (
    <Text size="xs" c="dimmed" mt={4} data-local-only={field}>
      <InfoGlyph />
      {hint}
    </Text>
  ) : null
}

/** The hint as an info button in a column header, or nothing. */
export function LocalOnlyNote({ entity, field }: { entity: Entity; field: string }) {
  const hint = useHintText()(entity, field)
  if (!hint) return null
  return (
    <Tooltip label={hint} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
      <UnstyledButton aria-label={hint} data-local-only={field} c="dimmed" style={{ marginInlineStart: 4, lineHeight: 1 }}>
        <InfoGlyph />
      </UnstyledButton>
    </Tooltip>
  )
}
