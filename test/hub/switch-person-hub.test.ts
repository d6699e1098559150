import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { startTestHub, type TestHub } from './hubHarness';

/** Where a hub is configured, the desk's hub token vouches for the role a manager gave it, and only then. */
describe('Switch person with a hub', () => {
  let hub: TestHub;
  const desks: TestBackend[] = [];
  beforeAll(async () => {
    hub = await startTestHub('sqlite');
  });
  afterAll(async () => {
    for (const d of desks) d.dispose();
    await hub.close();
  });

  async function desk(first: { name: string; role: 'agent' | 'manager' }): Promise<TestBackend> {
    const b = testBackend(undefined, { passphrase: false });
    desks.push(b);
    await call(b.dispatch, 'session.setup', first);
    return b;
  }

  it("takes the manager role without a passphrase on a desk whose manager's token a manager entered", async () => {
    const b = await desk({ name: 'Pat Manager', role: 'manager' });
    await call(b.dispatch, 'hub.settings.set', { url: hub.url, token: await hub.token('Floor Desk 1', 'manager') });
    await call(b.dispatch, 'session.switch', { name: 'Ann Agent', role: 'agent' });
    const back = await call(b.dispatch, 'session.switch', { name: 'Pat Manager', role: 'manager' });
    expect(back.user).toMatchObject({ name: 'Pat Manager', role: 'manager' });
  });

  it("never from an agent's token, nor from a manager's token an agent entered", async () => {
    const managed = await desk({ name: 'Pat Manager', role: 'manager' });
    await call(managed.dispatch, 'hub.settings.set', { url: hub.url, token: await hub.token('Floor Desk 2', 'agent') });
    await call(managed.dispatch, 'session.switch', { name: 'Ann Agent', role: 'agent' });
    expect(await callResult(managed.dispatch, 'session.switch', { name: 'Eve', role: 'manager' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const agentDesk = await desk({ name: 'Bo Agent', role: 'agent' });
    await call(agentDesk.dispatch, 'hub.settings.set', { url: hub.url, token: await hub.token('Someone Else', 'manager') });
    expect(await callResult(agentDesk.dispatch, 'session.switch', { name: 'Eve', role: 'manager' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call(agentDesk.dispatch, 'session.get', {})).user?.role).toBe('agent');
  });
});
