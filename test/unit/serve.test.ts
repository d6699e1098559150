import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/http/server';
import { testBackend, type TestBackend } from '../helpers/backend';

let b: TestBackend;
let server: RunningServer;

beforeAll(async () => {
  b = testBackend();
  const rendererDir = join(b.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winback Console</title>');
  server = await startServer({ dispatch: b.dispatch, rendererDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  b.dispose();
});

const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('winback serve', () => {
  it('listens on 127.0.0.1 with the secret in the URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[\w-]{20,}$/);
  });

  it('answers a call that carries the secret', async () => {
    const res = await post('/api/session.get', { 'x-winback-key': server.secret });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { user: null } });
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    expect((await post('/api/session.get', {})).status).toBe(401);
    expect((await post('/api/session.get', { 'x-winback-key': `${server.secret}x` })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const res = await post('/api/session.get', { 'x-winback-key': server.secret, origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.origin}/api/session.get`, {
        method: 'POST',
        headers: { host: 'attacker.test', 'x-winback-key': server.secret, 'content-type': 'application/json' },
      }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('returns a typed error for a channel outside the contract', async () => {
    const res = await post('/api/not.a.channel', { 'x-winback-key': server.secret });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('serves the console page with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('Winback Console');
  });
});
