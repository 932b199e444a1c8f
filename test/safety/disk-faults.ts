// Real disk faults for tests, where this machine allows them: a read-only file or folder
// (the immutable attribute when running as root, whom file modes do not stop; modes
// otherwise), and a small tmpfs that really fills up (needs the right to mount).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const isRoot = process.getuid?.() === 0

function chattrWorks(): boolean {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-chattr-'))
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' })
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    fs.rmSync(probe, { recursive: true, force: true })
  }
}

/** How this machine makes a path read-only for the test's own user, or null when it cannot. */
export const readOnlyMethod: 'immutable attribute' | 'file modes' | null = process.platform === 'win32' ? null : isRoot ? (chattrWorks() ? 'immutable attribute' : null) : 'file modes'

/** Makes the paths read-only for this process; the returned function undoes it. */
export function makeReadOnly(paths: string[]): () => void {
  if (readOnlyMethod === 'immutable attribute') {
    execFileSync('chattr', ['+i', ...paths])
    return () => execFileSync('chattr', ['-i', ...paths.filter((p) => fs.existsSync(p))])
  }
  const before = paths.map((p) => [p, fs.statSync(p).mode & 0o777] as const)
  for (const [p, mode] of before) fs.chmodSync(p, fs.statSync(p).isDirectory() ? mode & 0o555 : mode & 0o444)
  return () => {
    for (const [p, mode] of before) if (fs.existsSync(p)) fs.chmodSync(p, mode)
  }
}

/** A tmpfs of `bytes` at a new folder, or null when this process may not mount one. */
export function smallDisk(bytes: number): { dir: string; unmount(): void } | null {
  if (!isRoot || process.platform !== 'linux') return null
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    fs.rmSync(dir, { recursive: true, force: true })
    return null
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir])
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Fills the disk holding dir until it is full; the returned function frees the space. */
export function fillDisk(dir: string): () => void {
  const filler = path.join(dir, 'filler')
  const fd = fs.openSync(filler, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
    // The last bytes that still fit.
    try {
      for (;;) fs.writeSync(fd, chunk, 0, 512)
    } catch {
      /* full */
    }
  } finally {
    fs.closeSync(fd)
  }
  return () => fs.rmSync(filler, { force: true })
}
