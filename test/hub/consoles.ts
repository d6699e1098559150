import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import type { Role } from '../../shared/domain/roles';
import type { TestHub } from './hubHarness';

export interface TestConsole extends TestBackend {
  token: string;
  /** "Sync now", as the person would press it. */
  push: () => Promise<{ sent: number; refused: number; pending: number }>;
}

/** A console with its person set up and the hub configured with a token named after that person. */
export async function hubConsole(hub: TestHub, person: { name: string; role: Role }, now?: () => Date): Promise<TestConsole> {
  const backend = testBackend(now);
  await signIn(backend.dispatch, person);
  const token = await hub.token(person.name, person.role);
  await call(backend.dispatch, 'hub.settings.set', { url: hub.url, token });
  return { ...backend, token, push: () => call(backend.dispatch, 'sync.now', {}) };
}
