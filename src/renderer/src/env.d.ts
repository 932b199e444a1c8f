/// <reference types="vite/client" />

/** Each operation's documented method and route (electron.vite.config.ts builds it from src/shared/operations). */
declare module 'virtual:lms-operation-routes' {
  const routes: Record<string, { method: import('../../shared/contract/operation').HttpMethod; route: string | null }>
  export default routes
}
