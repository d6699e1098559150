import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ api: new Map<string, unknown>(), invoked: [] as unknown[][], subscribed: [] as string[] }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.api.set(name, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      exposed.invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (event: string) => exposed.subscribed.push(event),
    removeListener: () => undefined,
  },
}));

await import('../../electron/preload/index');

describe('the preload bridge', () => {
  it('exposes exactly invoke and on, under one name', () => {
    expect([...exposed.api.keys()]).toEqual(['winback']);
    expect(Object.keys(exposed.api.get('winback') as object).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards invoke to the contract channel', async () => {
    const bridge = exposed.api.get('winback') as { invoke(c: string, p: unknown): Promise<unknown> };
    await bridge.invoke('session.get', {});
    expect(exposed.invoked).toEqual([['api:session.get', {}]]);
  });

  it('lets the page subscribe only to allow-listed events', () => {
    const bridge = exposed.api.get('winback') as { on(e: string, l: () => void): () => void };
    expect(() => bridge.on('sync.changed', () => undefined)).not.toThrow();
    expect(() => bridge.on('ELECTRON_BROWSER_WINDOW_ALERT', () => undefined)).toThrow(/Unknown event/);
    expect(exposed.subscribed).toEqual(['sync.changed']);
  });
});
