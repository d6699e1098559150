import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import { english } from '../helpers/said';

/**
 * A file without a time-zone column: each customer's zone comes from their phone's country code.
 * Before, +49 customers were judged in the console's zone (UTC here) and called at 07:15 Berlin time.
 */
const CSV = `id,name,phone,revenue,left
DE-1,Dana Deutsch,+49 30 1234567,80,2026-11-02
US-1,Una States,+1 212 555 0100,70,2026-11-02
AU-1,Aria Down,+61 2 9374 4000,60,2026-11-02
LOCAL-1,Lou Local,030 1234567,50,2026-11-02
`;

let b: TestBackend;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-16T06:15:00Z'); // 07:15 in Berlin, 01:15 in New York, 17:15 in Sydney
  b = testBackend(() => now);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  b.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.defaultTimezone', '\"UTC\"') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
  await importFile(b, writeFixture(b, 'no-zones.csv', CSV), {
    mapping: { columns: { externalId: 'id', name: 'name', phone: 'phone', monthlyRevenue: 'revenue', departedAt: 'left' } },
  });
});
afterEach(() => b.dispose());

const item = async (ext: string) => (await call(b.dispatch, 'queue.list', { search: ext })).items.find((i) => i.externalId === ext);
const idOf = (ext: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(ext) as number;

describe('time zones inferred from the phone', () => {
  it("judges a +49 customer in Berlin's calling hours, not the console's zone", async () => {
    expect(await item('DE-1')).toMatchObject({ timezone: 'Europe/Berlin', localTime: '07:15', callableNow: false });
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: idOf('DE-1') });
    expect(english(status.zoneNote)).toBe("Time zone Europe/Berlin, inferred from the phone number's country code.");
    // A customer whose number names no country keeps the console's zone, and nothing is claimed about it.
    expect(await item('LOCAL-1')).toMatchObject({ timezone: 'UTC', localTime: '06:15' });
    expect((await call(b.dispatch, 'contactPolicy.status', { customerId: idOf('LOCAL-1') })).zoneNote).toBeNull();
  });

  it('says so on the card when a country has several zones, and calls only while all of them are within hours', async () => {
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: idOf('US-1') });
    expect(english(status.zoneNote)).toMatch(/^Time zone not known: the phone number's country code points to a country of several zones \(/);
    expect(english(status.zoneNote)).toContain('America/New_York');
    expect(english(status.zoneNote)).toContain('Pacific/Honolulu');
    expect(status.callableNow).toBe(false);
    // 14:30 in New York is 11:30 in Los Angeles but 09:30 in Honolulu: within hours everywhere only now.
    now = new Date('2026-11-16T19:30:00Z');
    expect((await item('US-1'))?.callableNow).toBe(true);
    // 18:30 in Los Angeles is 21:30 in New York: closed there, so closed.
    now = new Date('2026-11-17T02:30:00Z');
    expect((await item('US-1'))?.callableNow).toBe(false);
  });

  it('words a callback of a customer of several zones in one of them, not in "one of N zones"', async () => {
    b.db.prepare("UPDATE customers SET last_outcome = 'callback', attempts = 1, callback_at = '2026-11-17T15:00:00.000Z' WHERE external_id = 'US-1'").run();
    const us = await item('US-1');
    expect(english(us?.notCallableBecause)).toMatch(/^Callback booked for Nov 17, 2026, \d\d?:00 [AP]M their time/);
  });

  it('keeps a zone the file gives over an inferred one', async () => {
    await importFile(b, writeFixture(b, 'zones.csv', 'id,name,phone,tz\nDE-1,Dana Deutsch,+49 30 1234567,America/New_York\n'), {
      mapping: { columns: { externalId: 'id', name: 'name', phone: 'phone', timezone: 'tz' } },
    });
    expect((await item('DE-1'))?.timezone).toBe('America/New_York');
    expect((await call(b.dispatch, 'contactPolicy.status', { customerId: idOf('DE-1') })).zoneNote).toBeNull();
  });
});

/**
 * The country, state and postal code columns narrow what the phone cannot: a national number with a
 * country column, +1 numbers with a state or a ZIP code, a Canadian postal code, an Australian postcode.
 */
describe('time zones inferred from the address columns', () => {
  const ADDRESSES = `id,name,phone,country,state,zip
DE-2,Dora Deutsch,030 7654321,Germany,,
US-2,Tex Ranger,+1 214 555 0100,US,TX,
US-3,Cal Coast,+1 415 555 0100,,California,
US-4,Nia York,(555) 010-0100,USA,,10001
CA-1,Van Couver,+1 604 555 0100,CA,,V6B 1A1
AU-2,Pia Perth,+61 8 9000 0000,Australia,,6000
XX-1,Nora Narnia,555 0100,Narnia,,
`;
  const zoneOf = async (ext: string) => {
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: idOf(ext) });
    return english(status.zoneNote);
  };

  beforeEach(async () => {
    await importFile(b, writeFixture(b, 'addresses.csv', ADDRESSES), {
      mapping: { columns: { externalId: 'id', name: 'name', phone: 'phone', country: 'country', region: 'state', postalCode: 'zip' } },
    });
  });

  it('proposes the address columns from their headers', async () => {
    const { proposeMapping } = await import('../../shared/domain/importMapping');
    expect(proposeMapping(['id', 'Country', 'State', 'ZIP code']).columns).toMatchObject({ country: 'Country', region: 'State', postalCode: 'ZIP code' });
  });

  it('reads the country column where the number names no country', async () => {
    expect(await item('DE-2')).toMatchObject({ timezone: 'Europe/Berlin', localTime: '07:15' });
    expect(await zoneOf('DE-2')).toBe('Time zone Europe/Berlin, inferred from the country column.');
  });

  it('narrows a country of several zones by state, and keeps the most restrictive reading for a state of two', async () => {
    expect(await zoneOf('US-3')).toBe('Time zone America/Los_Angeles, inferred from the state or province column.');
    expect(await zoneOf('US-2')).toBe(
      'Time zone not known: the state or province column points to an area of several zones (America/Chicago, America/Denver). Calls wait until it is within calling hours in all of them.',
    );
  });

  it('narrows by postal code', async () => {
    expect(await zoneOf('US-4')).toBe('Time zone America/New_York, inferred from the postal code.');
    expect(await zoneOf('CA-1')).toBe('Time zone America/Vancouver, inferred from the postal code.');
    expect(await zoneOf('AU-2')).toBe('Time zone Australia/Perth, inferred from the postal code.');
  });

  it('claims nothing for a country it does not know', async () => {
    expect(await zoneOf('XX-1')).toBeNull();
  });
});
