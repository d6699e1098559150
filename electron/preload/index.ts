import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { PUSH_EVENTS } from '../../shared/api/events';
import { INVOKE_CHANNEL_PREFIX } from '../main/ipc-names';

/**
 * The whole bridge: a typed invoke for contract channels and an allow-listed subscription.
 * Raw ipcRenderer never reaches the page.
 */
const bridge = {
  invoke(channel: string, payload: unknown): Promise<unknown> {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(`${INVOKE_CHANNEL_PREFIX}${channel}`, payload);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!(PUSH_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('winback', bridge);
