// The engine's events to its subscribers, and the batching that keeps them few: one
// `changes` event and one `changed` event per turn of the event loop however many writes
// committed in it, and one call to the extension a moment after a burst of local writes.
import type { EngineEvent } from '../../shared/contract/bridge'
import type { DataEntity } from '../../shared/operations/entities'

export interface EngineEventsOptions {
  log: (line: string) => void
  /** How many changes wait to be sent, for the `changes` event. */
  pendingChanges: () => number
}

export class EngineEvents {
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private closed = false
  private writesSoon: NodeJS.Timeout | null = null
  private changesSoon: NodeJS.Immediate | null = null
  /** Entities changed since the last `changed` event (one event per turn of the event loop). */
  private changedEntities = new Set<DataEntity>()
  private changedSoon: NodeJS.Immediate | null = null
  private writesListener: (() => void) | null = null

  constructor(private readonly options: EngineEventsOptions) {}

  /** Told once, a moment after a burst of local writes (the extension: one sync run). */
  onWritesRecorded(listener: (() => void) | undefined): void {
    this.writesListener = listener ?? null
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.options.log(`[engine] event listener failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  /**
   * One 'changes' event per turn of the event loop, however many writes recorded changes
   * in it (a group of calls, an import): the count it carries is a query over the queue.
   */
  changesRecorded(): void {
    this.scheduleWritesRecorded()
    if (this.changesSoon || this.closed) return
    this.changesSoon = setImmediate(() => {
      this.changesSoon = null
      if (!this.closed) this.emit({ type: 'changes', pendingChanges: this.options.pendingChanges() })
    })
  }

  /**
   * Names changed entities to subscribers once per turn of the event loop, after the
   * commit (a group of calls commits in the same turn, before this runs).
   */
  entitiesChanged(entities: Iterable<DataEntity>): void {
    if (this.closed) return
    for (const entity of entities) this.changedEntities.add(entity)
    if (this.changedSoon || this.changedEntities.size === 0) return
    this.changedSoon = setImmediate(() => {
      this.changedSoon = null
      const changed = [...this.changedEntities].sort()
      this.changedEntities.clear()
      if (!this.closed && changed.length > 0) this.emit({ type: 'changed', entities: changed })
    })
  }

  /** A burst of local writes (grading a pile) is told to the extension once, a moment later (one sync run). */
  private scheduleWritesRecorded(): void {
    if (this.writesSoon || this.closed || !this.writesListener) return
    this.writesSoon = setTimeout(() => {
      this.writesSoon = null
      if (!this.closed) this.writesListener?.()
    }, 1500)
    this.writesSoon.unref()
  }

  /** No more batched events; events emitted directly (a cancelled job's end) still reach subscribers. */
  close(): void {
    this.closed = true
    if (this.writesSoon) clearTimeout(this.writesSoon)
    if (this.changesSoon) clearImmediate(this.changesSoon)
    if (this.changedSoon) clearImmediate(this.changedSoon)
  }
}
