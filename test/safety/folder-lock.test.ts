// The data folder's lock within one process and across the engine's worker thread: a second
// open is refused naming the holder, the lock goes with close (and with a worker that dies),
// and the refusal crosses from the worker as data the desktop app and serve can act on.
import fs from 'node:fs'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { DataFolderLockedError, HOLDER_FILE } from '../../src/main/engine/db/folder-lock'
import { openLmsEngine } from '../../src/main/host/open-engine'
import { devWorkerUrl } from '../../src/main/host/dev-worker'
import { EngineHost, EngineOpenError } from '../../src/main/host/engine-host'
import { clientOf, fakeClock, hostClient, removeDir, tempDir, validUser } from '../engine/helpers'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})
function folder(): string {
  const dir = tempDir('lms-lock-')
  cleanups.push(() => removeDir(dir))
  return dir
}

describe('one engine per data folder', () => {
  it('a second open is refused with the holder (pid, program, since when) until the first closes', async () => {
    const dir = folder()
    const first = await openLmsEngine({ dataDir: dir, clock: fakeClock('2024-05-01T10:00:00.000Z'), program: 'the first engine', log: () => undefined })
    const refusal = await openLmsEngine({ dataDir: dir, log: () => undefined }).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refusal).toBeInstanceOf(DataFolderLockedError)
    expect((refusal as DataFolderLockedError).holder).toMatchObject({ pid: process.pid, program: 'the first engine', since: '2024-05-01T10:00:00.000Z' })
    expect((refusal as Error).message).toBe(
      `This data folder (${dir}) is already open in another LMS Offline process: pid ${process.pid} (the first engine), since 2024-05-01 10:00:00 UTC. ` +
        'Only one process may use a data folder at a time: close that one first, or use another folder.',
    )
    // The refused open changed nothing: the first still writes, and its holder record stands.
    clientOf(first).call('users.create', validUser())
    expect(JSON.parse(fs.readFileSync(path.join(dir, HOLDER_FILE), 'utf8')).program).toBe('the first engine')
    first.close()
    expect(fs.existsSync(path.join(dir, HOLDER_FILE))).toBe(false)
    const second = await openLmsEngine({ dataDir: dir, log: () => undefined })
    cleanups.push(() => second.close())
    expect(clientOf(second).call('app.status', {}).pendingChanges).toBe(1)
  })

  it('the engine worker holds the lock; it is released when the worker dies, so its restart takes it again', async () => {
    const dir = folder()
    const host = await EngineHost.start({ dataDir: dir, demo: false, workerUrl: devWorkerUrl, program: 'the host under test', log: () => undefined })
    cleanups.push(() => host.close())
    await expect(openLmsEngine({ dataDir: dir, log: () => undefined })).rejects.toThrow(/pid \d+ \(the host under test\)/)
    // A second host: the refusal arrives as data, for serve's message and the desktop's dialog.
    const refused = await EngineHost.start({ dataDir: dir, demo: false, workerUrl: devWorkerUrl, log: () => undefined }).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(EngineOpenError)
    expect((refused as EngineOpenError).refusal).toMatchObject({ kind: 'locked', holder: { pid: process.pid, program: 'the host under test' } })

    const before = host.threadId
    await (host as unknown as { worker: Worker }).worker.terminate()
    await expect.poll(async () => (await hostClient(host).result('app.status', {})).ok, { timeout: 15_000 }).toBe(true)
    expect(host.threadId).not.toBe(before)
    await expect(openLmsEngine({ dataDir: dir, log: () => undefined })).rejects.toBeInstanceOf(DataFolderLockedError)
  })
})
