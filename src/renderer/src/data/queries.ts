// The renderer's server state: every read a screen shows is a query keyed by operation
// name and input, kept by TanStack Query (answers for an older input never replace the
// current one; a list keeps its last page while the next loads). The engine names the
// entities each committed write, import or sync pull changed (`changed` events); queries
// reading those entities refetch (see shared/operations/entities.ts), so no screen
// reloads by hand after a write, and none stays stale after a sync or another window's change.
import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { entitiesRead, type DataEntity } from '../../../shared/operations/entities'
import type { OpInput, OpOutput, QueryName } from '../../../shared/operations/index'
import { lms } from '../api/client'
import { errorMessage } from '../lib/errors'

/** Reads, and jobs that write nothing (the import's check), as their declarations say. */
export type ReadName = QueryName

/** A read and its input, typed by what a screen gets from it (lists are handed one per page). */
export interface LmsRead<T> {
  readonly name: ReadName
  readonly input: unknown
  /** Shapes the cached answer for the screen (a lookup paged by hand); the cache keeps the answer. */
  readonly select?: (answer: never) => T
  /** Phantom: the type a screen gets; never set. */
  readonly output?: T
}

export function lmsRead<N extends ReadName, T = OpOutput<N>>(name: N, input: OpInput<N>, select?: (answer: OpOutput<N>) => T): LmsRead<T> {
  return { name, input, select }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The engine is local: a failure is shown at once, not after three quiet retries.
      retry: false,
      // Freshness comes from the engine's events, not from the window gaining focus.
      refetchOnWindowFocus: false,
    },
  },
})

const NOTHING: LmsRead<never> = { name: 'app.status', input: { nothing: true } }
const keyOf = (read: LmsRead<unknown>) => [read.name, read.input ?? {}] as const
const optionsOf = (read: LmsRead<unknown>) => ({
  queryKey: keyOf(read),
  queryFn: () => lms.call(read.name, read.input as never) as Promise<unknown>,
})

export interface LmsQuery<T> {
  /** The answer for the current input; with `keepPrevious`, the last one while the next loads. */
  data: T | null
  error: string | null
  /** True while the current input's answer (or a refetch after a change) is on its way. */
  loading: boolean
  /** Asks again now (a Retry button). */
  reload(): void
}

export interface LmsQueryOptions {
  /** false: nothing is asked and `data` is null. */
  enabled?: boolean
  /** Keep showing the previous input's answer while the new one loads (paging, searching). */
  keepPrevious?: boolean
  /** Keep it only if it was asked with the same value of this (the same file, not the one before). */
  keepPreviousOf?: unknown
  /** Names the input when it is too large to key by (a file's contents): a new key asks again. */
  key?: unknown
}

/** A read kept current: `useLmsQuery('users.get', { id })`. */
export function useLmsQuery<N extends ReadName>(name: N, input: OpInput<N>, options: LmsQueryOptions = {}): LmsQuery<OpOutput<N>> {
  return useLmsRead(lmsRead(name, input), options)
}

/** `null`: nothing to ask yet (no course chosen); `data` is null. */
export function useLmsRead<T>(read: LmsRead<T> | null, options: LmsQueryOptions = {}): LmsQuery<T> & { settled: boolean } {
  const enabled = read !== null && (options.enabled ?? true)
  const query = useQuery({
    ...optionsOf(read ?? NOTHING),
    ...(options.key !== undefined && read ? { queryKey: [read.name, { key: options.key }] as const } : {}),
    select: read?.select as ((answer: unknown) => T) | undefined,
    enabled,
    meta: { keepPreviousOf: options.keepPreviousOf },
    placeholderData:
      options.keepPreviousOf !== undefined
        ? (previous: unknown, previousQuery?: { meta?: Record<string, unknown> }) => (previousQuery?.meta?.keepPreviousOf === options.keepPreviousOf ? previous : undefined)
        : options.keepPrevious
          ? keepPreviousData
          : undefined,
  })
  return {
    data: enabled ? (query.data ?? null) : null,
    error: enabled && query.error ? errorMessage(query.error) : null,
    loading: enabled && query.isFetching,
    // The shown data answers the current input (not a placeholder from the previous one).
    settled: enabled && !query.isFetching && !query.isPlaceholderData,
    reload: query.refetch as () => void,
  }
}

/** The same read outside a component (a search box's options, a row to reopen): cached and shared with the hooks. */
export function fetchLms<N extends ReadName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  return queryClient.fetchQuery(optionsOf(lmsRead(name, input))) as Promise<OpOutput<N>>
}

const entityListeners = new Set<(entities: ReadonlySet<DataEntity>) => void>()

/** Refetches the queries in view that read any of these entities; the others refetch when next shown. */
export function invalidateEntities(entities: Iterable<DataEntity>): void {
  const changed = new Set(entities)
  void queryClient.invalidateQueries({ predicate: (query) => entitiesRead(String(query.queryKey[0])).some((e) => changed.has(e)) })
  for (const listener of entityListeners) listener(changed)
}

/** Follows the engine's `changed` events for as long as the app runs; returns the stop function. */
export function startQueryInvalidation(): () => void {
  return lms.subscribe('changed', (event) => invalidateEntities(event.entities))
}

/**
 * Calls `onChange` when any of the entities a read follows change, for data kept outside
 * the query cache (the grading queue's window of pages).
 */
export function useEntityChanges(read: ReadName, onChange: () => void): void {
  const callback = useRef(onChange)
  callback.current = onChange
  useEffect(() => {
    const followed = entitiesRead(read)
    const listener = (changed: ReadonlySet<DataEntity>) => {
      if (followed.some((e) => changed.has(e))) callback.current()
    }
    entityListeners.add(listener)
    return () => void entityListeners.delete(listener)
  }, [read])
}
