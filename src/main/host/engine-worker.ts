// Worker entry: owns the only connection that writes; runs the calls in arrival order.
import { parentPort, workerData } from 'node:worker_threads'
import { refusalOf } from '../engine/db/refusal'
import { HostSecretStore } from '../sync/secret-store'
import { openLmsEngine } from './open-engine'
import type { FromWorker, ToWorker, WorkerInit } from './protocol'

const port = parentPort
if (!port) throw new Error('engine-worker must run in a worker thread')
const post = (message: FromWorker) => port.postMessage(message)
const init = workerData as WorkerInit

try {
  const secrets = init.hostSecret ? new HostSecretStore(init.hostSecret.token, (token) => post({ type: 'secret', token })) : undefined
  const queueKey = init.queueKey ? Buffer.from(init.queueKey) : undefined
  const engine = await openLmsEngine({
    dataDir: init.dataDir,
    demo: init.demo,
    secrets,
    queueKey: queueKey ? () => queueKey : undefined,
    restoreBackup: init.restoreBackup,
    program: init.program,
  })
  engine.sync.start()
  engine.onEvent((event) => post({ type: 'event', event }))
  // Calls that arrive while the worker is busy wait here and then run as one group (one
  // commit for all their writes: see Engine.invokeGroup); a lone call runs as before.
  const waiting: Extract<ToWorker, { type: 'invoke' }>[] = []
  let closing = false
  let scheduled = false
  const runWaiting = () => {
    scheduled = false
    const calls = waiting.splice(0)
    engine.invokeGroup(calls).forEach((answer, i) => void answer.then((result) => post({ type: 'result', id: calls[i].id, result })))
    if (closing) {
      // After the answers above are posted (microtasks); a job still running is cancelled by the close (it stops at its next checkpoint).
      setImmediate(() => {
        engine.close()
        post({ type: 'closed' })
        port.close()
      })
    }
  }
  port.on('message', (message: ToWorker) => {
    if (closing) return
    if (message.type === 'close') closing = true
    else waiting.push(message)
    if (!scheduled) {
      scheduled = true
      setImmediate(runWaiting)
    }
  })
  const restored = engine.restored ? { name: engine.restored.name, takenAt: engine.restored.takenAt.toISOString() } : null
  post({ type: 'ready', schemaVersion: engine.schemaVersion, restored })
} catch (error) {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error), refusal: refusalOf(error) })
}
