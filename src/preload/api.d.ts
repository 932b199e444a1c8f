import type { LmsBridge } from '../shared/contract/bridge'

declare global {
  interface Window {
    /** Present in the desktop app; absent in browser mode, where the client uses HTTP. */
    lms?: LmsBridge
  }
}
export {}
