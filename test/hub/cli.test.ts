import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openHubStore } from '../../hub/store/connect';
import { startHub } from '../../hub/server';
import { call, tempDir, testBackend, signIn } from '../helpers/backend';
import { departed, enqueue } from './events';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * The command line run in this process (the same `main` bin/winback.mjs calls), capturing what it
 * prints: each spawn would cost seconds of start-up. One test below spawns the real bin.
 */
async function winbackAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../electron/cli/main');
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const status = await main(['node', 'winback', ...args]);
    return { status, stdout, stderr };
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}


describe('winback hub', () => {
  it('creates a token once, lists tokens without them, revokes by name', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const created = await winbackAsync(['hub', 'token', 'create', '--name', 'Alex Agent', '--role', 'agent', '--data', t.dir]);
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^wbh_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('Copy it now: the hub keeps only its hash');

    const listed = await winbackAsync(['hub', 'token', 'list', '--json', '--data', t.dir]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).not.toContain(token.slice(4));
    expect(JSON.parse(listed.stdout)).toEqual([{ name: 'Alex Agent', role: 'agent', createdAt: expect.any(String) as string, lastUsedAt: null, revokedAt: null }]);

    const badRole = await winbackAsync(['hub', 'token', 'create', '--name', 'X', '--role', 'boss', '--data', t.dir]);
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toContain('a role is one of agent, executive, manager');

    expect((await winbackAsync(['hub', 'token', 'revoke', 'Alex Agent', '--data', t.dir])).stdout).toBe('Revoked the token of "Alex Agent".\n');
    const again = await winbackAsync(['hub', 'token', 'revoke', 'Alex Agent', '--data', t.dir]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe('winback: No live token is named "Alex Agent".');
  });

  it('serves on loopback, and refuses another address without --listen-public', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const refused = await winbackAsync(['hub', 'serve', '--host', '0.0.0.0', '--port', '0', '--data', t.dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('add --listen-public to confirm');

    const { DATABASE_URL: _omit, ...env } = process.env;
    const child = spawn(process.execPath, [bin, 'hub', 'serve', '--port', '0', '--data', t.dir], { cwd: root, env });
    cleanups.push(() => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }));
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`hub serve exited with ${code}`)));
    });
    expect(firstLine).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${firstLine.replace('listening ', '')}/v1/me`);
    expect(res.status).toBe(401);
  });
});

describe('winback sync', () => {
  it('pushes the outbox once and prints what was sent and what waits', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const store = await openHubStore({ dataDir: t.dir });
    const hub = await startHub({ store, port: 0, rateLimit: false });
    cleanups.push(async () => {
      await hub.close();
      await store.close();
    });
    const { createToken } = await import('../../hub/tokens');
    const token = await createToken(store, { name: 'Alex Agent', role: 'agent' }, new Date());
    const b = testBackend();
    cleanups.push(() => b.dispose());
    enqueue(b.db, Array.from({ length: 3 }, (_, i) => ({ kind: 'customer.departed' as const, payload: departed(`CLI-${i}`) })));

    const noHub = await winbackAsync(['sync', '--db', b.dbPath]);
    expect(noHub.status).toBe(1);
    expect(noHub.stderr).toContain('No hub is configured for this console');
    const half = await winbackAsync(['sync', '--db', b.dbPath, '--hub', hub.url]);
    expect(half.stderr).toContain('Give both --hub URL and --token TOKEN');

    // The real bin once, in a child process (asynchronously: this process hosts the hub).
    const first = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const { DATABASE_URL: _omit, ...env } = process.env;
      const child = spawn(process.execPath, [bin, 'sync', '--db', b.dbPath, '--hub', hub.url, '--token', token], { cwd: root, env });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ sent: 3, pending: 0 });

    // With the hub saved in the console, no flags are needed.
    await signIn(b.dispatch, { name: 'Alex Agent', role: 'agent' });
    await call(b.dispatch, 'hub.settings.set', { url: hub.url, token });
    enqueue(b.db, [{ kind: 'customer.departed', payload: departed('CLI-9') }]);
    expect(JSON.parse((await winbackAsync(['sync', '--db', b.dbPath])).stdout)).toEqual({ sent: 1, pending: 0 });

    await hub.close();
    enqueue(b.db, [{ kind: 'customer.departed', payload: departed('CLI-10') }]);
    const down = await winbackAsync(['sync', '--db', b.dbPath]);
    expect(down.status).toBe(1);
    expect(JSON.parse(down.stdout)).toEqual({ sent: 0, pending: 1 });
    expect(down.stderr).toMatch(/^winback: Could not reach the hub at 127\.0\.0\.1:\d+\./);
  });
});

describe('winback report reasons --hub', () => {
  it("reads the org-wide report with a manager's token, and refuses without one", async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const store = await openHubStore({ dataDir: t.dir });
    const hub = await startHub({ store, port: 0, rateLimit: false });
    cleanups.push(async () => {
      await hub.close();
      await store.close();
    });
    const { createToken } = await import('../../hub/tokens');
    const manager = await createToken(store, { name: 'Mia Manager', role: 'manager' }, new Date());
    const agent = await createToken(store, { name: 'Alex Agent', role: 'agent' }, new Date());
    const b = testBackend();
    cleanups.push(() => b.dispose());
    enqueue(b.db, [
      { kind: 'customer.departed', payload: departed('HUB-1', { monthlyRevenue: 80 }) },
      { kind: 'customer.departed', payload: departed('HUB-2', { monthlyRevenue: 20.5 }) },
      { kind: 'customer.departed', payload: departed('HUB-3', { statedReasonText: 'Moved', statedReasonId: 'changed-needs.moved', statedCategoryId: 'changed-needs', monthlyRevenue: 10 }) },
    ]);
    expect((await winbackAsync(['sync', '--db', b.dbPath, '--hub', hub.url, '--token', agent])).status).toBe(0);

    const report = await winbackAsync(['report', 'reasons', '--by', 'stated', '--hub', hub.url, '--token', manager]);
    expect(report.stderr).toBe('');
    const parsed = JSON.parse(report.stdout) as { rows: { reasonId: string | null; departed: number; revenue: number }[]; totals: { departed: number; revenue: number } };
    expect(parsed.totals).toMatchObject({ departed: 3, revenue: 110.5 });
    expect(parsed.rows.find((r) => r.reasonId === 'price.too-expensive')).toMatchObject({ departed: 2, revenue: 100.5 });

    const noToken = await winbackAsync(['report', 'reasons', '--by', 'stated', '--hub', hub.url]);
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain('--hub needs a manager token');
    const agentReads = await winbackAsync(['report', 'reasons', '--by', 'stated', '--hub', hub.url, '--token', agent]);
    expect(agentReads.status).toBe(1);
    expect(agentReads.stderr).toMatch(/^winback: The hub's report could not be read: /);
  });
});
