import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresAvailable, storeFixture, type StoreFixture } from './stores';

/**
 * A hub migrating a large store holds its migration lock for as long as the migration runs. Only
 * hubs on the same schema (instances of the same hub) may wait for it; a hub in another schema of
 * the same database starts at once.
 */
describe.skipIf(!postgresAvailable)('the hub migration lock on PostgreSQL', () => {
  let busy: StoreFixture;
  let other: StoreFixture;
  let holder: pg.Client;

  beforeAll(async () => {
    busy = await storeFixture('postgres');
    other = await storeFixture('postgres');
    holder = new pg.Client({ connectionString: busy.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await busy.dispose();
    await other.dispose();
  });

  it('makes an instance of the same hub wait, and a hub in another schema not', async () => {
    // What a long migration holds: the lock of its own schema (hub/store/connect.ts).
    await holder.query('SELECT pg_advisory_lock(72432, hashtext(current_schema()))');
    let sameOpened = false;
    const same = busy.open().then((store) => {
      sameOpened = true;
      return store;
    });
    const elsewhere = await other.open();
    await elsewhere.close();
    // The other schema's hub opened and migrated while the lock was held; this one is still waiting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sameOpened).toBe(false);
    await holder.query('SELECT pg_advisory_unlock(72432, hashtext(current_schema()))');
    const store = await same;
    expect(sameOpened).toBe(true);
    await store.close();
  }, 120_000);
});
