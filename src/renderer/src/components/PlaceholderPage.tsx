import { Alert, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { PageHeader } from './PageHeader'

interface PlaceholderPageProps {
  title: string
  /** One sentence on what the screen will do. */
  purpose: string
  children?: ReactNode
}

/** A screen that a later release fills in. It says so and shows nothing made up. */
export function PlaceholderPage({ title, purpose, children }: PlaceholderPageProps) {
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={title} />
      <Alert color="gray" variant="light" title="Not available yet">
        <Text size="sm">This screen arrives in a later release; nothing here is faked.</Text>
        <Text size="sm" mt={4}>
          {purpose}
        </Text>
      </Alert>
      {children}
    </Stack>
  )
}
