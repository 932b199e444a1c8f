// Loads one thing (a lookup, a record) and reloads when `key` changes. Stale answers
// from an earlier key are dropped.
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../lib/errors'

export interface Loaded<T> {
  data: T | null
  error: string | null
  loading: boolean
  reload(): void
}

export function useLoad<T>(load: () => Promise<T>, key: unknown = null, enabled = true): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [reloads, setReloads] = useState(0)
  const loader = useRef(load)
  loader.current = load
  const latest = useRef(0)

  useEffect(() => {
    if (!enabled) return
    const request = ++latest.current
    setLoading(true)
    loader
      .current()
      .then((value) => {
        if (request !== latest.current) return
        setData(value)
        setError(null)
      })
      .catch((e: unknown) => {
        if (request === latest.current) setError(errorMessage(e))
      })
      .finally(() => {
        if (request === latest.current) setLoading(false)
      })
  }, [key, reloads, enabled])

  return { data, error, loading, reload: useCallback(() => setReloads((n) => n + 1), []) }
}
