// The renderer's only door: one namespaced API, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_INVOKE, type EngineEvent, type LmsBridge } from '../shared/contract/bridge'
import type { Result } from '../shared/contract/result'

const bridge: LmsBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE, name, input) as Promise<Result<unknown>>,
  subscribe(event, callback) {
    const listener = (_: IpcRendererEvent, payload: EngineEvent) => {
      if (payload?.type === event) callback(payload as Extract<EngineEvent, { type: typeof event }>)
    }
    ipcRenderer.on(IPC_EVENT, listener)
    return () => void ipcRenderer.removeListener(IPC_EVENT, listener)
  },
}

contextBridge.exposeInMainWorld('lms', bridge)
