/**
 * The preload: `invoke(method, input)` for the contract's methods and `on(event, fn)` for
 * its events, nothing more. Unknown methods and events are refused here, before any
 * message leaves the renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_LIST, METHOD_LIST } from '../shared/api/names';

const methods = new Set<string>(METHOD_LIST);
const events = new Set<string>(EVENT_LIST);

contextBridge.exposeInMainWorld('workbench', {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!methods.has(method)) return Promise.reject(new Error(`Unknown method: ${method}`));
    return ipcRenderer.invoke('workbench:invoke', method, input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(event)) throw new Error(`Unknown event: ${event}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('workbench:event', wrapped);
    return () => ipcRenderer.off('workbench:event', wrapped);
  },
});
