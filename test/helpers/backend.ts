import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import type { Dispatch } from '../../electron/backend/dispatch';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api';
import type { ApiResult } from '../../shared/api/result';

export interface TestBackend extends Backend {
  dir: string;
  dbPath: string;
  dispose(): void;
}

/** A real backend on a fresh database file in a temporary folder. */
export function testBackend(now: () => Date = () => new Date('2026-11-16T15:00:00Z')): TestBackend {
  const dir = mkdtempSync(join(tmpdir(), 'winback-test-'));
  const dbPath = join(dir, 'winback.db');
  const backend = createBackend({ dbPath, log: silentLogger, now });
  return {
    ...backend,
    dir,
    dbPath,
    dispose() {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'winback-test-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A contract call with its types, as the renderer's client makes it. */
export async function callResult<C extends Channel>(dispatch: Dispatch, channel: C, input: ChannelInput<C>): Promise<ApiResult<ChannelOutput<C>>> {
  return (await dispatch(channel, input)) as ApiResult<ChannelOutput<C>>;
}

/** Like callResult, but a failed call throws with the backend's message. */
export async function call<C extends Channel>(dispatch: Dispatch, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await callResult(dispatch, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
