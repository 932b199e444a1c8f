// Runs the engine in a worker thread so better-sqlite3's synchronous work never blocks
// the Electron main loop or the HTTP server. One worker, one writer. If the worker dies,
// pending calls get a clear "unavailable" answer and a new worker is started.
import { Worker } from 'node:worker_threads'
import type { Result } from '../../shared/contract/result'
import type { EngineEvent, InvokeMeta } from '../engine/engine'
import type { OpenRefusal } from '../engine/db/refusal'
import type { FromWorker, ToWorker, WorkerInit } from './protocol'

/** The engine did not open its data folder; `refusal` says why when it is a known reason. */
export class EngineOpenError extends Error {
  constructor(
    message: string,
    readonly refusal?: OpenRefusal,
  ) {
    super(message)
    this.name = 'EngineOpenError'
  }
}

/** How the host keeps the hosted LMS token (the desktop app: encrypted with the OS keychain). */
export interface HostSecretKeeper {
  load(): string | null
  save(token: string | null): void
}

export interface EngineHostOptions extends Omit<WorkerInit, 'hostSecret'> {
  /** When given, the token lives with the host instead of a file in the data folder. */
  secrets?: HostSecretKeeper
  /** The worker script: the bundled one in the desktop app, engine-worker.dev.mjs in Node. */
  workerUrl: URL
  log?: (line: string) => void
}

interface Pending {
  resolve: (result: Result<unknown>) => void
}

const MAX_RESTARTS_PER_MINUTE = 5

export class EngineHost {
  private worker!: Worker
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private restarts: number[] = []
  private closing = false
  /**
   * Set when the worker is gone and no restart is coming (the restart failed, or too many
   * restarts): calls must get an answer, not wait on a dead worker that drops messages.
   */
  private downReason: string | null = null
  schemaVersion = 0
  /** The backup put in place at start (`restoreBackup`), or null. */
  restored: { name: string; takenAt: string } | null = null

  private constructor(private readonly options: EngineHostOptions) {}

  static async start(options: EngineHostOptions): Promise<EngineHost> {
    const host = new EngineHost(options)
    await host.spawn()
    return host
  }

  private log(line: string): void {
    ;(this.options.log ?? ((l: string) => console.error(l)))(line)
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const init: WorkerInit = {
        dataDir: this.options.dataDir,
        demo: this.options.demo,
        program: this.options.program,
        // Only the first start restores; a restarted worker opens what is there.
        ...(this.options.restoreBackup && this.restarts.length === 0 && this.schemaVersion === 0 ? { restoreBackup: this.options.restoreBackup } : {}),
        ...(this.options.secrets ? { hostSecret: { token: this.options.secrets.load() } } : {}),
      }
      const worker = new Worker(this.options.workerUrl, { workerData: init })
      this.worker = worker
      let ready = false
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            ready = true
            this.downReason = null
            if (this.schemaVersion === 0) this.restored = message.restored
            this.schemaVersion = message.schemaVersion
            resolve()
            break
          case 'fatal':
            reject(new EngineOpenError(message.message, message.refusal))
            void worker.terminate()
            break
          case 'result':
            this.pending.get(message.id)?.resolve(message.result)
            this.pending.delete(message.id)
            break
          case 'event':
            for (const listener of this.listeners) listener(message.event)
            break
          case 'secret':
            try {
              this.options.secrets?.save(message.token)
            } catch (error) {
              this.log(`[host] the sync token could not be stored: ${error instanceof Error ? error.message : String(error)}`)
            }
            break
          case 'closed':
            break
        }
      })
      worker.on('error', (error) => {
        this.log(`[host] engine worker error: ${error.message}`)
        if (!ready) reject(error)
      })
      worker.on('exit', (code) => {
        if (worker !== this.worker) return
        this.failPending('The engine stopped unexpectedly; nothing from the interrupted call was half-saved. Try again.')
        if (!ready) reject(new Error(`The engine worker exited with code ${code} before it was ready`))
        if (ready && !this.closing) this.restart(code)
        else if (!ready && !this.closing) this.downReason = 'The engine could not be restarted; restart the app.'
      })
    })
  }

  private restart(code: number): void {
    const now = Date.now()
    this.restarts = this.restarts.filter((t) => now - t < 60_000)
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.log(`[host] engine worker exited with code ${code}; too many restarts, staying down`)
      this.downReason = 'The engine stopped repeatedly and was not restarted; restart the app.'
      return
    }
    this.restarts.push(now)
    this.log(`[host] engine worker exited with code ${code}; restarting`)
    this.spawn().catch((error: Error) => this.log(`[host] engine restart failed: ${error.message}`))
  }

  private failPending(message: string): void {
    for (const [, p] of this.pending) p.resolve({ ok: false, error: { code: 'unavailable', status: 503, message } })
    this.pending.clear()
  }

  invoke(name: string, input: unknown, meta?: InvokeMeta): Promise<Result<unknown>> {
    if (this.closing) {
      return Promise.resolve({ ok: false, error: { code: 'unavailable', status: 503, message: 'The engine is shutting down.' } })
    }
    if (this.downReason) {
      return Promise.resolve({ ok: false, error: { code: 'unavailable', status: 503, message: this.downReason } })
    }
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { resolve })
      try {
        this.worker.postMessage({ type: 'invoke', id, name, input, meta } satisfies ToWorker)
      } catch {
        this.pending.delete(id)
        resolve({ ok: false, error: { code: 'bad_request', status: 400, message: 'The input could not be passed to the engine (it is not plain data).' } })
      }
    })
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** For crash tests: the worker's thread id. */
  get threadId(): number {
    return this.worker.threadId
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    // A worker that is already gone emits no further 'exit': waiting for one would hang.
    if (this.downReason) {
      this.failPending('The engine is shutting down.')
      return
    }
    const worker = this.worker
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage({ type: 'close' } satisfies ToWorker)
    const timeout = setTimeout(() => void worker.terminate(), 5000)
    await exited
    clearTimeout(timeout)
    this.failPending('The engine is shutting down.')
  }
}
