// A failure that repeats (every request while the disk is full) is logged once a minute per
// kind, with how many times it happened meanwhile; a full disk once wrote 28,704 stack
// traces in one run, filling the disk further and hiding everything else in the log.
export const LOG_REPEAT_WINDOW_MS = 60_000

interface Seen {
  since: number
  suppressed: number
}

export class LogLimiter {
  private readonly seen = new Map<string, Seen>()

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number,
    private readonly windowMs = LOG_REPEAT_WINDOW_MS,
  ) {}

  /** Logs `line()` unless `key` was logged within the window; the line is only built when written. */
  write(key: string, line: () => string): void {
    const now = this.now()
    const seen = this.seen.get(key)
    if (seen && now - seen.since < this.windowMs) {
      seen.suppressed++
      return
    }
    const repeated = seen?.suppressed ? ` (${seen.suppressed} more like it since the last one logged)` : ''
    this.seen.set(key, { since: now, suppressed: 0 })
    if (this.seen.size > 1000) this.seen.delete(this.seen.keys().next().value!)
    this.log(line() + repeated)
  }

  /** Writes the counts still held back (at close). */
  flush(): void {
    for (const [key, seen] of this.seen) {
      if (seen.suppressed > 0) this.log(`[engine] ${key}: ${seen.suppressed} more like it since the last one logged`)
    }
    this.seen.clear()
  }
}
