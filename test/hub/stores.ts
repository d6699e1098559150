import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openHubStore, type HubStore } from '../../hub/store/connect';
import type { HubDialect } from '../../hub/store/migrations';

/**
 * The stores the hub suite runs against: SQLite always; PostgreSQL whenever DATABASE_URL is set
 * or a server answers on 127.0.0.1:5432 (trust auth, user postgres, database test, as on CI).
 * Each PostgreSQL fixture gets a schema of its own, dropped afterwards.
 */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const PG_URL = process.env.DATABASE_URL ?? DEFAULT_PG_URL;

function answers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const postgresAvailable = process.env.DATABASE_URL ? true : await answers('127.0.0.1', 5432, 500);

export const STORE_KINDS: { kind: HubDialect; available: boolean; why: string }[] = [
  { kind: 'sqlite', available: true, why: '' },
  { kind: 'postgres', available: postgresAvailable, why: 'no DATABASE_URL and nothing answers on 127.0.0.1:5432' },
];

export interface StoreFixture {
  kind: HubDialect;
  dataDir: string;
  /** Set for PostgreSQL: a connection string that lands in this fixture's own schema. */
  databaseUrl: string | undefined;
  /** Environment for a child `winback hub` process using this store. */
  env: Record<string, string>;
  open: () => Promise<HubStore>;
  dispose: () => Promise<void>;
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function storeFixture(kind: HubDialect): Promise<StoreFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'winback-hub-'));
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      databaseUrl: undefined,
      env: {},
      open: () => openHubStore({ dataDir }),
      dispose: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const schema = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const databaseUrl = withSearchPath(PG_URL, schema);
  return {
    kind,
    dataDir,
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    open: () => openHubStore({ dataDir, databaseUrl }),
    dispose: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
