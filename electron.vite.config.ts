import fs from 'node:fs/promises'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { operations } from './src/shared/operations/index'
import { COMPRESSIBLE, compressBoth, MIN_COMPRESS_BYTES, SUFFIX } from './src/main/server/compression'

const ROUTES_MODULE = 'virtual:lms-operation-routes'

/**
 * Each operation's kind, documented method and route, for the transports and the typed client, as plain
 * data: the renderer's first load then carries neither the operations' zod schemas nor zod.
 * Derived from the one declaration of each operation (src/shared/operations) when the
 * renderer is built; the dev server reads it once at start (restart it after adding one).
 */
function operationRoutes(): Plugin {
  return {
    name: 'lms-operation-routes',
    resolveId: (source) => (source === ROUTES_MODULE ? `\0${ROUTES_MODULE}` : undefined),
    load(id) {
      if (id !== `\0${ROUTES_MODULE}`) return undefined
      const table = Object.fromEntries(operations.map((op) => [op.name, { kind: op.kind, method: op.method, route: op.route }]))
      return `export default ${JSON.stringify(table)}`
    },
  }
}

/**
 * Brotli (best quality) and gzip copies of every built text asset, beside it as <file>.br and
 * <file>.gz, for browser mode's server to send as they are. Not the page: the server adds the
 * run's token to it. The desktop app reads the plain files (electron-builder leaves these out).
 */
function precompress(): Plugin {
  return {
    name: 'lms-precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir ?? ''
      const files = Object.keys(bundle).filter((name) => name !== 'index.html' && COMPRESSIBLE.test(name))
      await Promise.all(
        files.map(async (name) => {
          const bytes = await fs.readFile(join(dir, name))
          if (bytes.length < MIN_COMPRESS_BYTES) return
          const copies = await compressBoth(bytes, true)
          await Promise.all([fs.writeFile(join(dir, name + SUFFIX.br), copies.br), fs.writeFile(join(dir, name + SUFFIX.gzip), copies.gzip)])
        }),
      )
    },
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified; browser mode serves it over HTTP.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react(), operationRoutes(), precompress()],
  },
})
