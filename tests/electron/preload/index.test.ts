import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, { invoke: (m: string, i: unknown) => Promise<unknown>; on: (e: string, fn: (p: unknown) => void) => () => void }> = {};
const invoke = vi.fn(async (..._a: unknown[]) => ({ ok: true, result: 1 }));
const listeners = new Set<(e: unknown, name: string, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: (typeof exposed)[string]) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...a: unknown[]) => invoke(...a),
    on: (_c: string, fn: (e: unknown, name: string, payload: unknown) => void) => listeners.add(fn),
    off: (_c: string, fn: (e: unknown, name: string, payload: unknown) => void) => listeners.delete(fn),
  },
}));

beforeEach(async () => {
  await import('../../../electron/preload/index');
});

describe('the preload', () => {
  it('exposes invoke and on, nothing more', () => {
    expect(Object.keys(exposed)).toEqual(['workbench']);
    expect(Object.keys(exposed.workbench!).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards known methods over one channel and refuses unknown ones', async () => {
    await exposed.workbench!.invoke('search.query', { query: 'x' });
    expect(invoke).toHaveBeenCalledWith('workbench:invoke', 'search.query', { query: 'x' });
    await expect(exposed.workbench!.invoke('fs.readFile', {})).rejects.toThrow('Unknown method: fs.readFile');
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = exposed.workbench!.on('import.progress', (p) => got.push(p));
    for (const l of listeners) {
      l({}, 'import.progress', { filesDone: 1 });
      l({}, 'workspace.changed', { kind: 'tags' });
    }
    expect(got).toEqual([{ filesDone: 1 }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => exposed.workbench!.on('shell.exec', () => undefined)).toThrow('Unknown event: shell.exec');
  });
});
