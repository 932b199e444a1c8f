// Boundaries the build enforces (issue 17): renderer and shared code reach no main-process code, the
// engine reaches no sync, server, shell or Electron, domains use each other through their index.ts, no cycles.
// `npm run check:boundaries` runs it in CI; test/safety/boundaries.test.ts shows each rule catching a breach.

/** A file of one engine domain; $1 is the domain. */
const DOMAIN = '^src/main/engine/domains/([^/]+)/'
/** Any file of a domain other than its public module. */
const DOMAIN_INTERNAL = '^src/main/engine/domains/[^/]+/(?!index\\.ts$)'

module.exports = {
  forbidden: [
    { name: 'renderer-imports-no-main', severity: 'error', from: { path: '^src/renderer/' }, to: { path: '^src/(main|preload)/' } },
    { name: 'shared-imports-no-runtime', severity: 'error', from: { path: '^src/shared/' }, to: { path: '^src/(main|renderer|preload)/' } },
    {
      // Electron resolves to node_modules/electron, or stays `electron` where it is not installed.
      name: 'engine-imports-no-sync-server-electron',
      severity: 'error',
      from: { path: '^src/main/engine/' },
      to: { path: '^src/main/(sync|server|shell|host)/|^src/main/index\\.ts$|(^|/)node_modules/electron/|^electron(/|$)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domains-through-public-module',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: DOMAIN_INTERNAL, pathNot: '^src/main/engine/domains/$1/' },
    },
    {
      // The engine's handler registry (engine-handlers.ts) is the one place that registers each
      // domain's handler tables, so it may import them where they are declared. They stay out of index.ts: a
      // domain's index would then load its handlers, and domains that use each other (users
      // and courses) would import each other's index in a cycle.
      name: 'outside-code-through-public-module',
      severity: 'error',
      from: { pathNot: [DOMAIN, '^src/main/engine/engine-handlers\\.ts$'] },
      to: { path: DOMAIN_INTERNAL },
    },
  ],
  options: { doNotFollow: { path: 'node_modules' }, tsPreCompilationDeps: true, tsConfig: { fileName: 'tsconfig.node.json' } },
}
