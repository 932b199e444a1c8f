// What the randomized sync runs share: which seeds to run (SYNC_SEED=17 or 51-250 replays or
// extends them) and a fault drawn from a seeded random source for the proxy to apply.
import type { Fault } from './fault-proxy'

export function seedsFrom(spec: string | undefined, count = 50): number[] {
  if (!spec) return Array.from({ length: count }, (_, i) => i + 1)
  const [from, to = from] = spec.split('-').map(Number)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

export type FaultKind = 'lose-response' | 'timeout' | '500' | '503' | '429' | 'delay' | 'duplicate'

/** No fault, or one of `kinds` (repeat a kind to make it likelier), drawn from `rng`. */
export function randomFault(rng: () => number, probability: number, kinds: readonly FaultKind[]): Fault | null {
  if (rng() >= probability) return null
  const kind = kinds[Math.floor(rng() * kinds.length)]
  switch (kind) {
    case 'timeout':
      return { kind: 'timeout', forward: rng() < 0.5, holdMs: 400 }
    case '500':
      return { kind: 'status', status: 500 }
    case '503':
      return { kind: 'status', status: 503 }
    case '429':
      return { kind: 'status', status: 429, retryAfter: String(1 + Math.floor(rng() * 30)) }
    case 'delay':
      return { kind: 'delay', ms: 5 + Math.floor(rng() * 40) }
    default:
      return { kind }
  }
}
