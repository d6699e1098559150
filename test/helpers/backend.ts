import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import type { Dispatch } from '../../electron/backend/dispatch';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api';
import type { ApiResult } from '../../shared/api/result';
import type { Session } from '../../shared/api/session';
import type { Role } from '../../shared/domain/roles';
import { storePassphraseHash } from '../../electron/backend/session/passphrase';

export interface TestBackend extends Backend {
  dir: string;
  dbPath: string;
  dispose(): void;
}

/** The manager passphrase every test desk has (tests that prove the guard use a desk without one). */
export const TEST_PASSPHRASE = 'test manager passphrase';
/** Its scrypt hash, derived once (hashPassphrase) so that no test pays for the slow hash. */
export const TEST_PASSPHRASE_HASH = 'scrypt$32768$8$1$lWNAKcTweVhfH0YRyN6aTw==$fJmnCMdWAtSfd8Oqyx69czforoZsz0NgeR+zXGu9/cc=';

/**
 * A real backend on a fresh database file in a temporary folder. Its desk has the manager
 * passphrase TEST_PASSPHRASE, as if a manager had set it, so `signIn` can hand the desk to anyone;
 * `{ passphrase: false }` gives a desk without one.
 */
export function testBackend(now: () => Date = () => new Date('2026-11-16T15:00:00Z'), options: { passphrase?: boolean } = {}): TestBackend {
  const dir = mkdtempSync(join(tmpdir(), 'winback-test-'));
  const dbPath = join(dir, 'winback.db');
  const backend = createBackend({ dbPath, log: silentLogger, now });
  if (options.passphrase !== false) storePassphraseHash(backend.db, TEST_PASSPHRASE_HASH);
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

/**
 * Says who uses the desk, as tests need it: the first-run set-up on a new desk, Switch person (with
 * the test desk's manager passphrase) after it.
 */
export async function signIn(dispatch: Dispatch, person: { name: string; role: Role }): Promise<Session> {
  const session = await call(dispatch, 'session.get', {});
  if (session.user === null) return call(dispatch, 'session.setup', person);
  return call(dispatch, 'session.switch', { ...person, passphrase: TEST_PASSPHRASE });
}

/** Like callResult, but a failed call throws with the backend's message. */
export async function call<C extends Channel>(dispatch: Dispatch, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await callResult(dispatch, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
