// `serve` as real processes: an empty --token is refused (it used to turn authentication
// off), and a data folder is served by one process at a time. The second process exits
// with a message naming the first; after the first is killed with SIGKILL (no clean-up at
// all) a new process opens the folder and finds the data.
import { afterEach, describe, expect, it } from 'vitest'
import { removeDir, tempDir, validUser } from '../engine/helpers'
import { startLmsServer } from '../../src/main/server/http-server'
import { request } from '../http/server'
import { spawnServe, type ServeProcess } from './serve-process'

const started: ServeProcess[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()))
  for (const dir of dirs.splice(0)) removeDir(dir)
})
function serve(args: string[]): ServeProcess {
  const p = spawnServe(args)
  started.push(p)
  return p
}
function folder(): string {
  const dir = tempDir('lms-safety-')
  dirs.push(dir)
  return dir
}
const portOf = (url: string) => ({ port: Number(new URL(url).port) })
/** The exit code, or 'listening' when the process served instead of exiting. */
const outcome = (p: ServeProcess) => Promise.race([p.exited, p.listening.then(() => 'listening' as const)])

describe('serve --token', () => {
  it('refuses an empty token instead of turning authentication off', async () => {
    for (const token of ['', '   ']) {
      const p = serve(['--port', '0', '--data', folder(), '--token', token])
      expect(await outcome(p)).toBe(2)
      expect(p.stdout()).not.toMatch(/listening/)
      expect(p.stderr()).toMatch(/--token must not be empty/)
    }
  })

  it('startLmsServer itself refuses an empty token (no listening socket)', async () => {
    const engine = { invoke: () => ({ ok: true as const, value: null }), onEvent: () => () => undefined }
    await expect(startLmsServer({ engine, port: 0, token: '' })).rejects.toThrow(/must not be empty/)
  })
})

describe('one process per data folder', () => {
  it('a second serve on the same folder exits non-zero naming the first (pid, since when); the first keeps serving', async () => {
    const dir = folder()
    const first = serve(['--port', '0', '--data', dir])
    const url = await first.listening
    const second = serve(['--port', '0', '--data', dir])
    const code = await outcome(second)
    expect(code).toBeTypeOf('number')
    expect(code).not.toBe(0)
    expect(second.stdout()).not.toMatch(/listening/)
    const message = second.stderr()
    expect(message).toMatch(/already open in another LMS Offline process/)
    expect(message).toContain(`pid ${first.child.pid}`)
    expect(message).toMatch(/since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/)
    // The first is untouched and still writes.
    const created = await request(portOf(url), 'POST', '/api/user/create', { body: validUser() })
    expect(created.status, created.text).toBe(200)
  })

  it('after kill -9 of the holder, a new serve opens the folder and finds the data', async () => {
    const dir = folder()
    const first = serve(['--port', '0', '--data', dir])
    const url = await first.listening
    const user = validUser()
    expect((await request(portOf(url), 'POST', '/api/user/create', { body: user })).status).toBe(200)
    first.child.kill('SIGKILL')
    expect(await first.exited).toBeNull()

    const next = serve(['--port', '0', '--data', dir])
    const nextUrl = await next.listening
    const listed = await request(portOf(nextUrl), 'GET', '/api/users/lookup')
    expect(listed.status, listed.text).toBe(200)
    expect((listed.json as { email: string }[]).map((u) => u.email)).toContain(user.email)
  })
})
