// The data folder is 0700 and every file in it 0600, read from real stat modes: also when
// the folder already existed (an older version left 0755 and 0644 behind: another local user
// read a clear password from the WAL), and for what appears while the engine runs (the
// database's -wal and -shm, uploads, the sync token file, backups, the lock files).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import { clientOf, fakeClock, removeDir, tempDir, validUser } from '../engine/helpers'

const dirs: string[] = []
const engines: Engine[] = []
afterEach(() => {
  while (engines.length) engines.pop()!.close()
  for (const dir of dirs.splice(0)) removeDir(dir)
})
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')

async function open(dir: string): Promise<Engine> {
  const engine = await openLmsEngine({ dataDir: dir, clock: fakeClock(), log: () => undefined, sync: { intervalMs: 0 } })
  engines.push(engine)
  return engine
}

/** Every entry under dir (dir included) with its permission bits. */
function modes(dir: string): Map<string, { mode: number; isDir: boolean }> {
  const found = new Map<string, { mode: number; isDir: boolean }>()
  const walk = (p: string) => {
    const stat = fs.lstatSync(p)
    found.set(path.relative(dir, p) || '.', { mode: stat.mode & 0o777, isDir: stat.isDirectory() })
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name))
  }
  walk(dir)
  return found
}

function expectPrivate(dir: string, mustHave: string[]): void {
  const found = modes(dir)
  for (const [name, { mode, isDir }] of found) expect(`${name} ${mode.toString(8)}`).toBe(`${name} ${isDir ? '700' : '600'}`)
  for (const name of mustHave) expect([...found.keys()], `${name} is missing`).toContain(name)
}

/** What an older version or a loose umask left behind: group and others may read everything. */
function loosen(dir: string): void {
  for (const [name, { isDir }] of modes(dir)) fs.chmodSync(path.join(dir, name), isDir ? 0o755 : 0o644)
}

async function useEverything(engine: Engine): Promise<void> {
  clientOf(engine).call('users.create', validUser())
  clientOf(engine).call('assignments.upload', { file: { name: 'essay.pdf', contentBase64: PDF.toString('base64') } })
  clientOf(engine).call('sync.configure', { serverUrl: 'http://127.0.0.1:9/', token: 'a-token-for-the-file' })
  await (engine as { backupInProgress?: Promise<void> | null }).backupInProgress
}

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('a folder that already existed as 0755 becomes 0700, and the files the engine writes are 0600 (-wal and -shm included)', async () => {
    const dir = tempDir('lms-perm-')
    dirs.push(dir)
    fs.chmodSync(dir, 0o755)
    const engine = await open(dir)
    await useEverything(engine)
    expectPrivate(dir, ['lms.sqlite', 'lms.sqlite-wal', 'lms.sqlite-shm', 'sync-token', 'uploads'])
  })

  it('files an older version left 0644 (and folders 0755) are made private when the folder is opened, before anything is written', async () => {
    const dir = tempDir('lms-perm-')
    dirs.push(dir)
    await useEverything(await open(dir))
    engines.pop()!.close()
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'left by hand')
    loosen(dir)
    expect(modes(dir).get('lms.sqlite')?.mode).toBe(0o644)

    const engine = await open(dir)
    expectPrivate(dir, ['lms.sqlite', 'sync-token', 'uploads', 'notes.txt'])
    await useEverything(engine)
    expectPrivate(dir, ['lms.sqlite', 'lms.sqlite-wal', 'lms.sqlite-shm', 'sync-token', 'notes.txt'])
  })

  it('a folder holding other files and no data is refused and left as it was (serve --data ~/Documents)', async () => {
    const dir = tempDir('lms-perm-')
    dirs.push(dir)
    fs.chmodSync(dir, 0o755)
    fs.writeFileSync(path.join(dir, 'letter.odt'), 'mine', { mode: 0o644 })
    await expect(open(dir)).rejects.toThrow(/holds other files \(letter\.odt\) and no LMS Offline data\. Choose an empty folder or an existing data folder; nothing was changed\./)
    expect([...modes(dir)].map(([name, { mode }]) => `${name} ${mode.toString(8)}`)).toEqual(['. 755', 'letter.odt 644'])
  })

  it('a new folder, its database and backups are private from the start, whatever the umask', async () => {
    const parent = tempDir('lms-perm-parent-')
    dirs.push(parent)
    const dir = path.join(parent, 'profiles', 'site')
    const before = process.umask(0o002)
    try {
      await useEverything(await open(dir))
    } finally {
      process.umask(before)
    }
    expectPrivate(dir, ['lms.sqlite', 'lms.sqlite-wal', 'lms.sqlite-shm', 'sync-token', 'uploads', 'backups'])
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1)
  })
})
