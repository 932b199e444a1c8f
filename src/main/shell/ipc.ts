// IPC from the page: only the main window's top frame, loaded from exactly the app's origin
// (app://lms, or the dev server's origin in development), may call the engine. A prefix match
// let http://localhost:51730 pass for http://localhost:5173.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { IPC_INVOKE } from '../../shared/contract/bridge'
import type { Result } from '../../shared/contract/result'
import { operationsByName } from '../../shared/operations/index'
import { isTrustedUrl } from './origins'

export function isTrustedSender(event: IpcMainInvokeEvent, mainContents: WebContents | null, devServerUrl: string | undefined): boolean {
  if (!mainContents || event.sender !== mainContents) return false
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isTrustedUrl(frame.url, devServerUrl)
}

export interface IpcDeps {
  mainContents: () => WebContents | null
  devServerUrl: string | undefined
  /** Operations the shell answers itself (app.openFile). */
  local: Record<string, (input: unknown) => Promise<Result<unknown>>>
  engine: () => { invoke(name: string, input: unknown): Promise<Result<unknown>> } | null
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, deps.mainContents(), deps.devServerUrl)) {
      return { ok: false, error: { code: 'forbidden', status: 403, message: 'Calls are only accepted from the app window.' } }
    }
    if (typeof name !== 'string' || !operationsByName.has(name)) {
      return { ok: false, error: { code: 'not_found', status: 404, message: 'Unknown operation.' } }
    }
    const local = Object.hasOwn(deps.local, name) ? deps.local[name] : undefined
    if (local) return local(input)
    const engine = deps.engine()
    if (!engine) return { ok: false, error: { code: 'unavailable', status: 503, message: 'The engine is starting.' } }
    return engine.invoke(name, input)
  })
}
