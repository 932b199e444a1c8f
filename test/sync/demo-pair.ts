// A laptop engine in a fresh folder and the strict stand-in hosted LMS seeded with the demo
// world (`serve --demo --hosted`, a real engine over HTTP on 127.0.0.1 answering only as the
// reference documents), reached through the fault proxy, for pull scenarios: the laptop
// starts empty and learns everything by pulling. Tests write to the stand-in directly.
import { afterEach, beforeEach } from 'vitest'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import { clientOf, removeDir, tempDir } from '../engine/helpers'
import { request, startServer, type RunningServer } from '../http/server'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

const TOKEN = 'pull-test-token'

export interface DemoPair {
  readonly hosted: RunningServer
  readonly proxy: FaultProxy
  readonly dir: string
  readonly laptop: Engine
  server(method: string, url: string, body?: unknown): ReturnType<typeof request>
  openLaptop(options?: { fetchImpl?: typeof fetch; pullPageSize?: number; rosterTurn?: number }): Promise<Engine>
  syncNow(): Promise<{ pushed: number; pulled: number; conflicts: number; stoppedBecause: string | null }>
  /** The local row of a table mapped to a server id. */
  localOf<T = Record<string, unknown>>(entity: string, table: string, serverId: number): T | undefined
}

/** Registers beforeEach/afterEach hooks in the calling test file. */
export function useDemoPair(): DemoPair {
  let hosted: RunningServer
  let proxy: FaultProxy
  let dir: string
  let laptop: Engine | undefined
  beforeEach(async () => {
    hosted = await startServer({ demo: true, token: TOKEN, hosted: true })
    proxy = await startFaultProxy(hosted.port)
    dir = tempDir('lms-laptop-')
  })
  afterEach(async () => {
    laptop?.close()
    laptop = undefined
    removeDir(dir)
    await proxy?.stop()
    await hosted?.stop()
  })
  const pair: DemoPair = {
    get hosted() {
      return hosted
    },
    get proxy() {
      return proxy
    },
    get dir() {
      return dir
    },
    get laptop() {
      if (!laptop) throw new Error('openLaptop() first')
      return laptop
    },
    server: (method, url, body) => request(hosted, method, url, { body, headers: { Authorization: `Bearer ${TOKEN}` } }),
    async openLaptop(options = {}) {
      laptop = await openLmsEngine({ dataDir: dir, log: () => undefined, sync: { intervalMs: 0, timeoutMs: 5000, ...options } })
      laptop.sync.stop()
      clientOf(laptop).call('sync.configure', { serverUrl: proxy.url, token: TOKEN })
      return laptop
    },
    syncNow: async () => await clientOf(pair.laptop).async.call('sync.now', {}),
    localOf: (entity, table, serverId) =>
      pair.laptop.sql.raw.prepare(`SELECT t.* FROM ${table} t JOIN id_map m ON m.entity = ? AND m.local_id = t.id WHERE m.server_id = ?`).get(entity, serverId) as never,
  }
  return pair
}
