import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openHubStore } from '../../hub/store/connect';
import { PG_URL, postgresAvailable } from './stores';

/**
 * Hubs share a PostgreSQL server with other schemas: other hubs', other applications'. A hub
 * starting while another schema is dropped must start: it once failed its first migration with
 * "relation … does not exist" for a table of the schema being dropped, because the migrator read
 * every table of every schema (hub/store/schemaIntrospector.ts).
 */
describe.skipIf(!postgresAvailable)('a hub starting while other schemas come and go', () => {
  const made: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'winback-hub-schemas-'));

  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates a fresh schema each time while another schema of many tables is made and dropped', async () => {
    const churn = new pg.Client({ connectionString: PG_URL });
    await churn.connect();
    const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
    let stop = false;
    let dropped = 0;
    // Another application's schema: made with many tables, then dropped, over and over.
    const churning = (async () => {
      for (let round = 0; !stop; round += 1) {
        const other = `other_app_${tag}_${round}`;
        const tables = Array.from({ length: 60 }, (_, i) => `CREATE TABLE ${other}.t${i} (id bigserial PRIMARY KEY, a text, b text, c text);`);
        await churn.query(`CREATE SCHEMA ${other}; ${tables.join(' ')}`);
        await churn.query(`DROP SCHEMA ${other} CASCADE`);
        dropped += 1;
      }
    })();

    const failures: string[] = [];
    try {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      for (let i = 0; i < 24; i += 1) {
        const schema = `hub_schemas_${tag}_${i}`;
        made.push(schema);
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = new URL(PG_URL);
        url.searchParams.set('options', `-c search_path=${schema}`);
        try {
          const store = await openHubStore({ dataDir, databaseUrl: url.toString() });
          await store.close();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      await admin.end();
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(dropped).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 120_000);
});
