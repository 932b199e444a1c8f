// `serve` as a real child process on a data folder the test chooses (test/http/server.ts
// makes its own): for two processes on one folder, kill -9, and start-up refusals.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from '../http/server'

export interface ServeProcess {
  child: ChildProcess
  /** Resolves with the URL once it listens; rejects when it exits first. */
  listening: Promise<string>
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>
  stdout(): string
  stderr(): string
  stop(): Promise<void>
}

export function spawnServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /LMS server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match) resolve(match[1]!)
    })
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stdout}\n${stderr}`)))
  })
  listening.catch(() => undefined)
  return {
    child,
    listening,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
