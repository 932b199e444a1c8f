// What can be checked of packaging without Electron's binaries: electron-builder's own schema
// accepts electron-builder.yml, the electron-vite build is complete, the dependency split
// keeps renderer packages out of the app, and the app.asar that electron-builder itself packs
// holds the entry points and better-sqlite3's binary and no devDependency.
// Electron's binaries cannot be downloaded here, so electron-builder packs against a stand-in
// Electron folder (an empty launcher carrying Electron's fuse wire with its default states):
// only the copied Electron files are fake; the app.asar, the resources folder and the fuses
// flipped in the launcher are electron-builder's real output.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { DebugLogger } from 'builder-util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  scripts: Record<string, string>
}
const dependencies = Object.keys(pkg.dependencies)
const devDependencies = Object.keys(pkg.devDependencies)

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file)
  expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f))
    .map((f) => path.join(root, dir, f))
}
/** Bare package names imported by the files (type-only imports do not ship). */
function importedPackages(files: string[]): Set<string> {
  const found = new Set<string>()
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'".][^'"]*)['"]/gm)) {
      const spec = m[1]!
      // Built-ins, and modules the build makes (Vite's virtual: modules), are not packages.
      if (spec.startsWith('node:') || spec.startsWith('virtual:')) continue
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
    }
  }
  return found
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await getConfig(root, null, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    // The validator bites: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, npmRebuilt: false } as never, new DebugLogger(false))).rejects.toThrow(/unknown property 'npmRebuilt'/)
  })

  it('targets AppImage and deb, nsis and dmg, without rebuilding native modules, with the fonts beside the app', async () => {
    const config = await getConfig(root, null, null)
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.npmRebuild).toBe(false)
    expect(config.nodeGypRebuild).toBe(false)
    expect(config.extraResources).toEqual([{ from: 'resources/fonts', to: 'fonts' }])
    expect(fs.readdirSync(path.join(root, 'resources/fonts')).filter((f) => f.endsWith('.ttf')).length).toBeGreaterThan(0)
    expect(pkg.scripts['dist']).toMatch(/electron-vite build && electron-builder/)
  })

  it('sets the Electron fuses: no run-as-node, NODE_OPTIONS or --inspect; the app only from an integrity-checked app.asar', async () => {
    const config = await getConfig(root, null, null)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config.asar).toBe(true)
  })

  it('has the app icons in resources/ (512 for .icns/.ico, 256 and 512 for Linux)', async () => {
    const config = await getConfig(root, null, null)
    expect(config.icon).toBe('resources/icon.png')
    expect(pngSize(path.join(root, 'resources/icon.png'))).toEqual({ width: 512, height: 512 })
    expect(config.linux?.icon).toBe('resources/icons')
    for (const size of [256, 512]) expect(pngSize(path.join(root, `resources/icons/${size}x${size}.png`))).toEqual({ width: size, height: size })
  })
})

describe('package.json dependency split', () => {
  /** What the built main process loads from node_modules at run time (electron-vite keeps dependencies external). */
  function bundleImports(): Set<string> {
    const found = new Set<string>()
    const dir = path.join(root, 'out/main')
    for (const file of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8')
      for (const m of text.matchAll(/(?:\bfrom\s*|\brequire\(|\bimport\()\s*"((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)(?:\/[\w./-]*)?"/g)) {
        found.add(m[1]!) // node: built-ins do not match (the colon)
      }
    }
    for (const builtin of ['path', 'fs', 'os', 'url', 'crypto', 'zlib', 'stream', 'events', 'util', 'module', 'buffer', 'worker_threads', 'child_process', 'http', 'net']) found.delete(builtin)
    return found
  }
  const rendererImports = importedPackages(sourceFiles('src/renderer'))

  it('lists as dependencies exactly what the built main process loads', () => {
    const loaded = bundleImports()
    loaded.delete('electron')
    expect([...loaded].sort()).toEqual([...dependencies].sort())
    for (const name of ['better-sqlite3', 'kysely', 'zod', 'pdf-lib', 'otplib']) expect(dependencies).toContain(name)
  })

  it('keeps packages the renderer alone uses in devDependencies (Vite bundles them)', () => {
    const rendererOnly = [...rendererImports].filter((name) => !dependencies.includes(name))
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', '@mantine/core', 'zustand']))
    for (const name of rendererOnly) expect(devDependencies, name).toContain(name)
  })
})

describe('electron-vite build output', () => {
  it('has the main, preload and renderer entries (after `npm run build`)', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(fs.existsSync(path.join(root, file)), `${file} is missing: run npm run build`).toBe(true)
    }
    expect(pkg.main).toBe('out/main/index.js')
    // The page's own script and style, and the engine worker main starts, are in the build.
    const html = fs.readFileSync(path.join(root, 'out/renderer/index.html'), 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true)
    for (const asset of assets) expect(fs.existsSync(path.join(root, 'out/renderer', asset)), asset).toBe(true)
    const workers = fs.readdirSync(path.join(root, 'out/main/chunks')).filter((f) => f.startsWith('engine-worker'))
    expect(workers.length).toBeGreaterThan(0)
    const mainText = fs.readFileSync(path.join(root, 'out/main/index.js'), 'utf8')
    expect(workers.some((w) => mainText.includes(w))).toBe(true)
  })
})

// Electron's fuse wire (the sentinel @electron/fuses looks for, wire version 1, eight fuses)
// with Electron's default states: run-as-node, NODE_OPTIONS, --inspect and file: privileges on,
// cookie encryption, asar integrity, asar-only and the browser V8 snapshot off.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const STAND_IN_FUSE_WIRE = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')])

describe('app.asar packed by electron-builder', () => {
  let dir = ''
  let files: string[] = []
  let unpacked = ''
  let resources = ''

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-pack-'))
    const electronDist = path.join(dir, 'electron')
    fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true })
    fs.writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# '), STAND_IN_FUSE_WIRE, Buffer.from('\n')]), { mode: 0o755 })
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
    fs.writeFileSync(path.join(electronDist, 'version'), version)
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${path.join(dir, 'dist')}`],
      { cwd: root, encoding: 'utf8', timeout: 240_000, env: { ...process.env, CI: 'true' } },
    )
    expect(result.status, result.stdout + result.stderr).toBe(0)
    resources = path.join(dir, 'dist/linux-unpacked/resources')
    unpacked = path.join(resources, 'app.asar.unpacked')
    files = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.split(path.sep).join('/'))
  }, 300_000)
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('holds the main entry, the preload, the renderer and package.json', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files, file).toContain(file)
    expect(files.some((f) => /^\/out\/main\/chunks\/engine-worker-.*\.js$/.test(f))).toBe(true)
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(files.filter((f) => /\.d\.[cm]?ts$/.test(f))).toEqual([])
    // The renderer's brotli and gzip copies are for browser mode's server only.
    expect(files.some((f) => /^\/out\/renderer\/assets\/.*\.js$/.test(f))).toBe(true)
    expect(files.filter((f) => /^\/out\/renderer\/.*\.(br|gz)$/.test(f))).toEqual([])
    // Nothing from the repository beyond the build: no sources, tests or data.
    expect(files.filter((f) => !/^\/(out|node_modules)(\/|$)/.test(f) && f !== '/package.json')).toEqual([])
  })

  it("holds every production dependency and better-sqlite3's Node-API binary, unpacked beside the archive", () => {
    for (const name of dependencies) expect(files, name).toContain(`/node_modules/${name}/package.json`)
    expect(files).toContain('/node_modules/better-sqlite3/prebuilds/linux-x64.node')
    expect(fs.statSync(path.join(unpacked, 'node_modules/better-sqlite3/prebuilds/linux-x64.node')).size).toBeGreaterThan(100_000)
    expect(files.filter((f) => f.startsWith('/node_modules/better-sqlite3/deps/'))).toEqual([])
  })

  it('holds no devDependency (renderer packages are bundled by Vite)', () => {
    const packaged = new Set(files.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean))
    expect(packaged.size).toBeGreaterThan(dependencies.length)
    for (const name of ['react', 'react-dom', '@mantine/core', 'zustand', 'electron', 'vite', 'vitest', 'typescript', 'tsx', 'electron-builder']) {
      expect(devDependencies, name).toContain(name)
      expect(packaged.has(name), `${name} is in app.asar`).toBe(false)
    }
  })

  it('flips the fuses in the packed launcher as electron-builder.yml says', async () => {
    const appDir = path.join(dir, 'dist/linux-unpacked')
    const launcher = fs.readdirSync(appDir).map((f) => path.join(appDir, f)).find((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(FUSE_SENTINEL))
    expect(launcher, 'no launcher with a fuse wire in the packed app').toBeDefined()
    const wire = await getCurrentFuseWire(launcher!)
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number)
    expect(state(FuseV1Options.RunAsNode)).toBe('0')
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0')
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0')
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1')
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1')
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1')
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0')
    // Left as Electron has it.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0')
  })

  it('puts the certificate fonts in <resources>/fonts, where src/main/pdf/fonts.ts looks', () => {
    const fonts = fs.readdirSync(path.join(root, 'resources/fonts'))
    expect(fs.readdirSync(path.join(resources, 'fonts')).sort()).toEqual(fonts.sort())
    expect(fs.readFileSync(path.join(root, 'src/main/pdf/fonts.ts'), 'utf8')).toMatch(/path\.join\(resourcesPath, 'fonts'\)/)
  })
})
