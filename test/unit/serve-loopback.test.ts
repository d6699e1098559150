import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/http/server';
import { testBackend, type TestBackend } from '../helpers/backend';

/** `winback serve` answers this computer only: by where it listens, and by checking every request. */
let b: TestBackend;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  b = testBackend();
  const rendererDir = join(b.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winback Console</title>');
  server = await startServer({ dispatch: b.dispatch, rendererDir, port: 0 });
  port = (server.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await server.close();
  b.dispose();
});

/** A request as it would arrive from another address, with the right Host and the secret. */
const from = (remoteAddress: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/session.get',
    remoteAddress,
    headers: { host: `127.0.0.1:${port}`, 'x-winback-key': server.secret, 'content-type': 'application/json' },
    payload: '{}',
  });

describe('winback serve and the network', () => {
  it('listens on the loopback address only', () => {
    const address = server.app.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
  });

  it('cannot be reached on this computer\'s network addresses', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i?.address ?? '');
    // Machines with no network card (some CI sandboxes) have nothing to try; the next test still holds.
    for (const address of lan) {
      const outcome = await new Promise<string>((resolve) => {
        const req = request({ host: address, port, method: 'POST', path: '/api/session.get', timeout: 2000 }, (res) => resolve(`answered ${res.statusCode}`));
        req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.end('{}');
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
  });

  it('refuses a request from any address but loopback, even with the secret and the right Host', async () => {
    for (const address of ['192.168.1.20', '10.0.0.7', '::ffff:10.0.0.7', 'fe80::1', '127.0.0.2']) {
      const res = await from(address);
      expect(res.statusCode, address).toBe(403);
      expect(res.json(), address).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only this computer may use the console server.' } });
    }
  });

  it('answers the same request from loopback', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await from(address);
      expect(res.statusCode, address).toBe(200);
      expect(res.json(), address).toMatchObject({ ok: true, value: { user: null } });
    }
  });
});
