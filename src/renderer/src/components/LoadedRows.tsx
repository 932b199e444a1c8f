// A list's three states before its rows: why it could not load, loading, and nothing to
// show; the rows themselves are the caller's.
import { Alert, Text } from '@mantine/core'
import type { ReactNode } from 'react'

interface LoadedRowsProps<R> {
  /** Null while loading. */
  rows: readonly R[] | null
  error?: string | null
  failedTitle?: string
  loading: string
  empty: string
  emptyTestId?: string
  /** Shows the rows, once there are some. */
  children(rows: readonly R[]): ReactNode
}

export function LoadedRows<R>({ rows, error, failedTitle, loading, empty, emptyTestId, children }: LoadedRowsProps<R>) {
  if (error)
    return (
      <Alert color="red" role="alert" title={failedTitle}>
        {error}
      </Alert>
    )
  if (rows === null) return <Text size="sm">{loading}</Text>
  if (rows.length === 0)
    return (
      <Text size="sm" data-testid={emptyTestId}>
        {empty}
      </Text>
    )
  return children(rows)
}
