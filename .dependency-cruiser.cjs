// Boundaries the build enforces (issue 17): renderer and shared code reach no main-process code, the
// engine reaches no sync, server, shell or Electron, domains use each other through their index.ts, no cycles.
module.exports = {
  forbidden: [
    { name: 'renderer-imports-no-main', severity: 'error', from: { path: '^src/renderer' }, to: { path: '^src/(main|preload)' } },
    { name: 'shared-imports-no-runtime', severity: 'error', from: { path: '^src/shared' }, to: { path: '^src/(main|renderer|preload)' } },
    { name: 'engine-imports-no-sync-server-electron', severity: 'error', from: { path: '^src/main/engine' }, to: { path: '^src/main/(sync|server|shell|host)|^electron$' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'domains-through-public-module', severity: 'error', from: { path: '^src/main/engine/domains/([^/]+)/' }, to: { path: '^src/main/engine/domains/([^/]+)/(?!index\\.ts$)', pathNot: '^src/main/engine/domains/$1/' } },
  ],
  options: { doNotFollow: { path: 'node_modules' }, tsPreCompilationDeps: true, tsConfig: { fileName: 'tsconfig.node.json' }, exclude: { path: 'node_modules' } },
}
