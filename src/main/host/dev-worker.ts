// The worker script for plain Node runs (server CLI, tests, benchmarks).
export const devWorkerUrl = new URL('./engine-worker.dev.mjs', import.meta.url)
