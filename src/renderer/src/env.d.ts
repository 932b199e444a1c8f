/// <reference types="vite/client" />

/** Each operation's kind, documented method and route (electron.vite.config.ts builds it from src/shared/operations). */
declare module 'virtual:lms-operation-routes' {
  const routes: Record<
    string,
    { kind: import('../../shared/contract/operation').OperationKind; method: import('../../shared/contract/operation').HttpMethod; route: string | null }
  >
  export default routes
}
