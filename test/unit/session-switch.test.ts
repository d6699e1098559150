import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/http/server';
import { contract, type Channel } from '../../shared/api';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { PASSPHRASE_LOCKOUT_MS, PASSPHRASE_TRIES } from '../../electron/backend/session/person';

/** Every channel only a manager may call. */
const MANAGER_ONLY = (Object.keys(contract) as Channel[]).filter((c) => {
  const roles = (contract[c] as { roles?: readonly string[] }).roles;
  return roles !== undefined && !roles.includes('agent') && !roles.includes('executive');
});

let b: TestBackend | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  b?.dispose();
  b = undefined;
});

/** A desk served as `winback serve` serves it, without a manager passphrase unless set up with one. */
async function servedDesk(): Promise<{ b: TestBackend; api: (channel: string, body: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }> }> {
  b = testBackend(undefined, { passphrase: false });
  const rendererDir = join(b.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winback Console</title>');
  const running = await startServer({ dispatch: b.dispatch, rendererDir, port: 0 });
  server = running;
  const api = async (channel: string, body: unknown) => {
    const res = await fetch(`${running.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-winback-key': running.secret },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  };
  return { b, api };
}

async function closedChannels(api: (channel: string, body: unknown) => Promise<{ ok: boolean; error?: { code: string } }>): Promise<string[]> {
  const open: string[] = [];
  for (const channel of MANAGER_ONLY) {
    const r = await api(channel, {});
    if (r.error?.code !== 'forbidden') open.push(channel);
  }
  return open;
}

describe('the first-run set-up runs once', () => {
  it('refuses a second set-up as manager over winback serve, and every manager-only channel stays closed', async () => {
    const { api } = await servedDesk();
    expect(MANAGER_ONLY.length).toBeGreaterThan(40);
    expect((await api('session.setup', { name: 'Ann Agent', role: 'agent' })).ok).toBe(true);

    const again = await api('session.setup', { name: 'Eve', role: 'manager' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Switch person') as string } });
    expect(await api('session.get', {})).toMatchObject({ ok: true, value: { user: { name: 'Ann Agent', role: 'agent' } } });
    expect(await closedChannels(api)).toEqual([]);
  });

  it('an agent cannot switch to manager, nor to a role the desk was not given, without a manager', async () => {
    const { api } = await servedDesk();
    await api('session.setup', { name: 'Ann Agent', role: 'agent' });
    const manager = await api('session.switch', { name: 'Eve', role: 'manager' });
    expect(manager).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('no manager passphrase is set here') as string } });
    const guessed = await api('session.switch', { name: 'Eve', role: 'manager', passphrase: 'a guess at the passphrase' });
    expect(guessed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const executive = await api('session.switch', { name: 'Eve', role: 'executive' });
    expect(executive).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Setting a passphrase is a manager's channel too.
    expect(await api('session.passphrase.set', { passphrase: 'my own passphrase' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await api('session.get', {})).toMatchObject({ ok: true, value: { user: { name: 'Ann Agent', role: 'agent' } } });
    expect(await closedChannels(api)).toEqual([]);

    // Another agent takes the desk: the role it was given.
    expect(await api('session.switch', { name: 'Bo Agent', role: 'agent' })).toMatchObject({ ok: true, value: { user: { name: 'Bo Agent', role: 'agent' } } });
  });
});

describe('Switch person', () => {
  const PASSPHRASE = 'the floor manager passphrase';

  it('takes the manager role only with the passphrase set at the first manager set-up', async () => {
    const { b: desk } = await servedDesk();
    await call(desk.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager', managerPassphrase: PASSPHRASE });
    // A manager hands the desk to an agent.
    await call(desk.dispatch, 'session.switch', { name: 'Ann Agent', role: 'agent' });

    const wrong = await callResult(desk.dispatch, 'session.switch', { name: 'Mia Manager', role: 'manager', passphrase: 'not the passphrase at all' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not this desk') as string } });
    expect((await call(desk.dispatch, 'session.get', {})).user?.role).toBe('agent');

    const right = await call(desk.dispatch, 'session.switch', { name: 'Mia Manager', role: 'manager', passphrase: PASSPHRASE });
    expect(right.user).toMatchObject({ name: 'Mia Manager', role: 'manager' });
    expect(await callResult(desk.dispatch, 'cycles.list', {})).toMatchObject({ ok: true });

    // The passphrase is kept only as a slow hash, and is in neither the settings nor the audit log in clear.
    const stored = desk.db.prepare("SELECT value FROM settings WHERE key = 'session.managerPassphrase'").pluck().get() as string;
    expect(stored).toMatch(/^"scrypt\$32768\$8\$1\$/);
    const everything = (desk.db.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string) + (desk.db.prepare('SELECT group_concat(detail) FROM audit_log').pluck().get() as string);
    expect(everything).not.toContain(PASSPHRASE);
    const actions = desk.db.prepare('SELECT action FROM audit_log WHERE action LIKE ? ORDER BY id').pluck().all('session.%');
    expect(actions).toEqual(['session.setup', 'session.switch', 'session.passphrase.wrong', 'session.switch']);
  });

  it('takes no passphrase for five minutes after five wrong ones in a row, the right one included', async () => {
    let clock = new Date('2026-11-16T15:00:00Z');
    b = testBackend(() => clock, { passphrase: false });
    await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager', managerPassphrase: PASSPHRASE });
    await call(b.dispatch, 'session.switch', { name: 'Ann Agent', role: 'agent' });
    for (let i = 0; i < PASSPHRASE_TRIES; i += 1) {
      expect(await callResult(b.dispatch, 'session.switch', { name: 'Mia Manager', role: 'manager', passphrase: `guess number ${i}` })).toMatchObject({ ok: false });
    }
    const locked = await callResult(b.dispatch, 'session.switch', { name: 'Mia Manager', role: 'manager', passphrase: PASSPHRASE });
    expect(locked).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Too many wrong manager passphrases on this desk: try again after 15:05 UTC.' } });
    clock = new Date(clock.getTime() + PASSPHRASE_LOCKOUT_MS + 1000);
    expect((await call(b.dispatch, 'session.switch', { name: 'Mia Manager', role: 'manager', passphrase: PASSPHRASE })).user?.role).toBe('manager');
    expect(b.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'session.passphrase.wrong'").pluck().get()).toBe(PASSPHRASE_TRIES);
  });

  it('a desk set up as agent has the agent role only: executive needs a manager too', async () => {
    b = testBackend(undefined, { passphrase: false });
    await call(b.dispatch, 'session.setup', { name: 'Ann Agent', role: 'agent' });
    const r = await callResult(b.dispatch, 'session.switch', { name: 'Morgan Executive', role: 'executive' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
