// `npm run serve -- --port <n> --data <dir> [--demo] [--token <secret>] [--web <dir> [--launch-secret-file <file>]]`
// Runs the engine in a worker and serves it over HTTP on 127.0.0.1. With --web (browser
// mode) it prints a one-time address that signs the browser opening it in; with
// --launch-secret-file that address goes to a file only its owner can read (a test runner).
// `--list-backups` prints the data folder's backups; `--restore-backup <latest|name>` puts one
// in place of the database (the one replaced is kept in damaged/) and then serves.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { listBackups } from '../engine/db/backups'
import { EngineHost, EngineOpenError } from '../host/engine-host'
import { devWorkerUrl } from '../host/dev-worker'
import { startLmsServer } from './http-server'

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run serve -- --port <n> --data <dir> [--demo] [--token <secret>] [--web <renderer dir> [--launch-secret-file <file>]] [--restore-backup <latest|name>] [--list-backups]`,
  )
  process.exit(2)
}

let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      demo: { type: 'boolean', default: false },
      token: { type: 'string' },
      web: { type: 'string' },
      'launch-secret-file': { type: 'string' },
      'restore-backup': { type: 'string' },
      'list-backups': { type: 'boolean', default: false },
    },
    strict: true,
  }).values
} catch (error) {
  usage(error instanceof Error ? error.message : String(error))
}

const port = Number(args.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0-65535, got "${args.port}"`)
if (!args.data) usage('--data <dir> is required')
const dataDir = path.resolve(args.data)
// An empty --token once meant "no token" and silently served every caller.
if (args.token !== undefined && args.token.trim() === '') usage('--token must not be empty; leave --token out to serve without one')
if (args['launch-secret-file'] && !args.web) usage('--launch-secret-file goes with --web')
// Browser mode always requires a token of tools (a random one per run, unless given): the
// browser signs in with the launch address instead.
const token = args.token ?? (args.web ? randomBytes(24).toString('base64url') : undefined)

if (args['list-backups']) {
  const backups = listBackups(dataDir)
  if (backups.length === 0) console.log(`No backups in ${path.join(dataDir, 'backups')}.`)
  for (const b of backups) console.log(`${b.name}\t${b.takenAt.toISOString()}\t${b.reason}`)
  process.exit(0)
}

let host: EngineHost
try {
  host = await EngineHost.start({
    dataDir,
    demo: args.demo,
    workerUrl: devWorkerUrl,
    restoreBackup: args['restore-backup'],
    program: 'npm run serve',
  })
} catch (error) {
  console.error(`Could not open the data folder ${dataDir}: ${error instanceof Error ? error.message : String(error)}`)
  const refusal = error instanceof EngineOpenError ? error.refusal : undefined
  if (refusal?.kind === 'damaged' && refusal.latestBackup) {
    console.error('To restore the latest backup that passes its check, run again with --restore-backup latest (the damaged file is kept in damaged/).')
  }
  process.exit(1)
}
if (host.restored) console.log(`Restored the backup ${host.restored.name} (taken ${host.restored.takenAt}).`)

const server = await startLmsServer({
  engine: host,
  port,
  token,
  webRoot: args.web ? path.resolve(args.web) : undefined,
  signIn: Boolean(args.web),
  dataDir,
}).catch((error: Error) => {
  console.error(`Could not listen on 127.0.0.1:${port}: ${error.message}`)
  return host.close().then(() => process.exit(1))
})

console.log(`LMS server listening on ${server.url}`)
if (server.launchUrl) {
  const file = args['launch-secret-file']
  if (file) {
    // Only the file's owner reads it: written new at 0600, or an existing one made 0600 first.
    fs.writeFileSync(file, '', { mode: 0o600 })
    fs.chmodSync(file, 0o600)
    fs.writeFileSync(file, `${server.launchUrl}\n`)
    console.log(`The sign-in address is in ${file} (data: ${dataDir}${args.demo ? ', demo world' : ''})`)
  } else {
    console.log(`Open this address in your browser; it signs that browser in, once (data: ${dataDir}${args.demo ? ', demo world' : ''}):\n  ${server.launchUrl}`)
  }
}

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await server.close()
  await host.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
