// Loads the TypeScript worker in plain Node (server CLI, tests); the desktop build bundles it instead.
import { register } from 'tsx/esm/api'

register()
await import('./engine-worker.ts')
