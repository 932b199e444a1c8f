// Starts `serve` (src/main/server/cli.ts) as a child process on a free port with a fresh
// temporary data folder, and speaks raw HTTP to it (fetch would not let a test set Host).
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { removeDir, tempDir } from '../engine/helpers'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface RunningServer {
  url: string
  port: number
  dataDir: string
  /** Everything the server wrote to stderr, for assertions and for failure messages. */
  stderr(): string
  stop(): Promise<void>
}

/** `hosted`: the strict stand-in of the hosted LMS (`--hosted`), with these variants if a list. */
export async function startServer(options: { demo?: boolean; token?: string; hosted?: boolean | readonly string[]; dataDir?: string } = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir('lms-http-')
  const args = ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir]
  if (options.demo ?? true) args.push('--demo')
  if (options.token) args.push('--token', options.token)
  if (options.hosted) args.push('--hosted')
  if (Array.isArray(options.hosted) && options.hosted.length) args.push('--hosted-variants', options.hosted.join(','))
  // process.execPath is the Node 22 that runs vitest (better-sqlite3 13 needs it).
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /LMS server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match) resolve(match[1])
    })
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stdout}\n${stderr}`)))
  })
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      // A folder the caller gave is the caller's to remove (a restart opens it again).
      if (!options.dataDir) removeDir(dataDir)
    },
  }
}

export interface HttpAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any
}

export function request(
  server: { port: number },
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<HttpAnswer> {
  const body =
    options.rawBody !== undefined ? Buffer.from(options.rawBody) : options.body !== undefined ? Buffer.from(JSON.stringify(options.body)) : undefined
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${server.port}`,
    Accept: 'application/json',
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...(body && !options.chunked ? { 'Content-Length': String(body.length) } : {}),
    ...options.headers,
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: pathAndQuery, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body) {
      if (options.chunked) {
        // Several writes without Content-Length: Node sends them chunked.
        const size = 1024 * 1024
        for (let offset = 0; offset < body.length; offset += size) req.write(body.subarray(offset, offset + size))
      } else req.write(body)
    }
    req.end()
  })
}
