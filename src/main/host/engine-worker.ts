// Worker entry: owns the only connection that writes, answers one call at a time.
import { parentPort, workerData } from 'node:worker_threads'
import { Engine } from '../engine/engine'
import { HostSecretStore } from '../sync/secret-store'
import type { FromWorker, ToWorker, WorkerInit } from './protocol'

const port = parentPort
if (!port) throw new Error('engine-worker must run in a worker thread')
const post = (message: FromWorker) => port.postMessage(message)
const init = workerData as WorkerInit

try {
  const secrets = init.hostSecret ? new HostSecretStore(init.hostSecret.token, (token) => post({ type: 'secret', token })) : undefined
  const engine = await Engine.open({ dataDir: init.dataDir, demo: init.demo, secrets })
  engine.sync.start()
  engine.onEvent((event) => post({ type: 'event', event }))
  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      engine.close()
      post({ type: 'closed' })
      port.close()
      return
    }
    void engine.invokeAsync(message.name, message.input, message.meta).then((result) => post({ type: 'result', id: message.id, result }))
  })
  post({ type: 'ready', schemaVersion: engine.schemaVersion })
} catch (error) {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) })
}
