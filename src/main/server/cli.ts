// `npm run serve -- --port <n> --data <dir> [--demo] [--token <secret>] [--web <dir>]`
// Runs the engine in a worker and serves it over HTTP on 127.0.0.1.
// `--list-backups` prints the data folder's backups; `--restore-backup <latest|name>` puts one
// in place of the database (the one replaced is kept in damaged/) and then serves.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { listBackups } from '../engine/db/backups'
import { EngineHost, EngineOpenError } from '../host/engine-host'
import { devWorkerUrl } from '../host/dev-worker'
import { startLmsServer } from './http-server'

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run serve -- --port <n> --data <dir> [--demo] [--token <secret>] [--web <renderer dir>] [--restore-backup <latest|name>] [--list-backups]`,
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
// Browser mode always uses a token: a random one per run, handed to the page it serves.
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
  dataDir,
}).catch((error: Error) => {
  console.error(`Could not listen on 127.0.0.1:${port}: ${error.message}`)
  return host.close().then(() => process.exit(1))
})

console.log(`LMS server listening on ${server.url}`)
if (args.web) console.log(`Open ${server.url}/ in a browser (data: ${dataDir}${args.demo ? ', demo world' : ''})`)

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
