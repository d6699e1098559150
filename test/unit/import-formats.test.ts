import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import type { ImportMapping } from '../../shared/domain/importMapping';

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
});
afterEach(() => b.dispose());

const customer = (id: string) =>
  b.db
    .prepare(
      'SELECT name, phone, monthly_revenue, departed_at, cycle_id, stated_reason_text, stated_reason_id, notes, segment, attempts FROM customers WHERE external_id = ?',
    )
    .get(id);

describe('exports as they really come', () => {
  it('reads a Windows-1252 file with `;`, decimal commas, CRLF and a quoted line break', async () => {
    const text =
      'Kundennummer;Name;Telefon;Monthly Charges;Churn Date;Churn Reason;Notes\r\n' +
      'K-1;Jürgen Müller;+49 30 5550101;1.234,56;01.10.2026;Price too high;"Wants a call\r\nafter 17:00; not before"\r\n' +
      'K-2;Zoë Ærø;+49 30 5550102;53,85;2026-09-15;Moved;\r\n' +
      'K-3;Åsa;+49 30 5550103;;2026-09-20;Moved;\r\n';
    const path = writeFixture(b, 'export.csv', text, { encoding: 'windows-1252' });
    const mapping: ImportMapping = {
      columns: {
        externalId: 'Kundennummer',
        name: 'Name',
        phone: 'Telefon',
        monthlyRevenue: 'Monthly Charges',
        departedAt: 'Churn Date',
        statedReason: 'Churn Reason',
        notes: 'Notes',
      },
    };
    const result = await importFile(b, path, { mapping });
    expect(result.plan).toMatchObject({ encoding: 'windows-1252', separator: ';', newCount: 3, invalid: 0 });
    expect(customer('K-1')).toMatchObject({
      name: 'Jürgen Müller',
      monthly_revenue: 1234.56,
      departed_at: '2026-10-01',
      cycle_id: '2026-10',
      notes: 'Wants a call\r\nafter 17:00; not before',
    });
    expect(customer('K-2')).toMatchObject({ name: 'Zoë Ærø', monthly_revenue: 53.85, cycle_id: '2026-09' });
    // A blank numeric cell is no revenue, not zero and not an error.
    expect(customer('K-3')).toMatchObject({ monthly_revenue: null });
  });

  it('reads UTF-8 with a byte-order mark, and counts lines right after quoted line breaks in CRLF files', async () => {
    const text =
      'CustomerID,Name,Phone,Monthly Charges,Churn Reason\r\n' +
      'U-1,"Ada\r\nExample","+1 555-0101",80.5,"Price too high"\r\n' +
      'U-2,"Bruno ""B"" Sample","+1 555-0102","1,234.50",Moved\r\n' +
      'U-3,Chioma,+1 555-0103,lots,Moved\r\n';
    const path = writeFixture(b, 'bom.csv', text, { bom: true });
    const result = await importFile(b, path, { skipInvalid: true });
    expect(result.plan).toMatchObject({ encoding: 'utf8', bom: true, separator: ',' });
    // Line 1 header, lines 2-3 U-1 (a line break inside the name), line 4 U-2, line 5 U-3.
    expect(result.plan.errors).toEqual([
      { line: 5, column: 'Monthly Charges', value: 'lots', message: '"lots" is not a number.', said: { key: 'errors.importRow.notANumber', params: { value: 'lots' } } },
    ]);
    expect(customer('U-1')).toMatchObject({ name: 'Ada\r\nExample', monthly_revenue: 80.5 });
    expect(customer('U-2')).toMatchObject({ name: 'Bruno "B" Sample', monthly_revenue: 1234.5 });
    // The header's first name carried the byte-order mark; the proposed mapping still found it.
    expect(result.mapping.columns.externalId).toBe('CustomerID');
  });

  it('keeps only departed rows with departedWhen, and counts the others as skipped', async () => {
    const path = writeFixture(
      b,
      'flag.csv',
      'id,phone,Churn Label\n1,555-0101,Yes\n2,555-0102,No\n3,555-0103,yes\n4,555-0104,\n',
    );
    const result = await importFile(b, path, {
      mapping: { columns: { externalId: 'id', phone: 'phone' }, departedWhen: { column: 'Churn Label', equals: 'Yes' } },
    });
    expect(result.written).toMatchObject({ imported: 2, skipped: 2 });
  });

  it('counts customers inactive for longer than inactiveDays as departed, at the last activity plus the threshold', async () => {
    // testBackend's clock reads 2026-11-16.
    const path = writeFixture(
      b,
      'inactive.csv',
      'id,phone,last order\n1,555-0101,2026-04-01\n2,555-0102,2026-10-30\n3,555-0103,\n',
    );
    const result = await importFile(b, path, {
      mapping: { columns: { externalId: 'id', phone: 'phone', lastActivityAt: 'last order' }, inactiveDays: 180 },
    });
    expect(result.written).toMatchObject({ imported: 1, skipped: 2 });
    expect(customer('1')).toMatchObject({ departed_at: '2026-09-28', cycle_id: '2026-09' });
  });

  it('puts customers without a departure date in the cycle of the import, the one named or the current one', async () => {
    const path = writeFixture(b, 'nodate.csv', 'id,phone\n1,555-0101\n');
    await importFile(b, path, { mapping: { columns: { externalId: 'id', phone: 'phone' } } });
    expect(customer('1')).toMatchObject({ cycle_id: '2026-11', departed_at: null });
    const other = writeFixture(b, 'other.csv', 'id,phone\n2,555-0102\n');
    await importFile(b, other, { mapping: { columns: { externalId: 'id', phone: 'phone' } }, cycle: 'Q3 2026' });
    expect(customer('2')).toMatchObject({ cycle_id: '2026-Q3' });
    // Re-imported later without a date, a customer keeps the cycle of the import that brought them.
    await importFile(b, path, { mapping: { columns: { externalId: 'id', phone: 'phone' } }, cycle: '2026-12' });
    expect(customer('1')).toMatchObject({ cycle_id: '2026-11' });
    expect(b.db.prepare("SELECT name, kind FROM cycles WHERE id = '2026-Q3'").get()).toEqual({
      name: 'Q3 2026',
      kind: 'quarterly',
    });
  });

  it('counts attempts per cycle: a customer who departs again in a later cycle starts it with none', async () => {
    const columns = { externalId: 'id', phone: 'phone', departedAt: 'left' };
    await importFile(b, writeFixture(b, 'oct.csv', 'id,phone,left\n1,555-0101,2026-10-03\n'), { mapping: { columns } });
    b.db.prepare("UPDATE customers SET attempts = 3 WHERE external_id = '1'").run();
    // The same departure again: the same cycle, the attempts so far stand.
    await importFile(b, writeFixture(b, 'oct-again.csv', 'id,phone,left\n1,555-0101,2026-10-03\n'), { mapping: { columns } });
    expect(customer('1')).toMatchObject({ cycle_id: '2026-10', attempts: 3 });
    // Departed again in November: a new cycle, a new count.
    await importFile(b, writeFixture(b, 'nov.csv', 'id,phone,left\n1,555-0101,2026-11-02\n'), { mapping: { columns } });
    expect(customer('1')).toMatchObject({ cycle_id: '2026-11', attempts: 0 });
  });

  it('refuses dates it would have to guess, unknown time zones and bad emails, naming each', async () => {
    const path = writeFixture(
      b,
      'bad.csv',
      'id,phone,email,tz,left\n1,555-0101,a@b.example,Mars/Olympus,03/04/2026\n2,555-0102,nobody,Europe/Berlin,2026-02-30\n',
    );
    const result = await importFile(b, path, {
      mapping: { columns: { externalId: 'id', phone: 'phone', email: 'email', timezone: 'tz', departedAt: 'left' } },
    });
    expect(result.plan.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '2 tz: "Mars/Olympus" is not a time zone; use names such as Europe/Berlin or America/New_York.',
      '2 left: "03/04/2026" could be read day first or month first: choose whether dates are day first (DD/MM/YYYY) or month first (MM/DD/YYYY) in the preview.',
      '3 email: "nobody" is not an email address.',
      '3 left: "2026-02-30" is not a date; write dates as YYYY-MM-DD (or DD.MM.YYYY).',
    ]);
  });

  it('a re-import with fewer columns leaves the other fields as they were', async () => {
    await importFile(b, writeFixture(b, 'a.csv', 'id,name,phone,segment\n1,Ada,555-0101,Gold\n'));
    await importFile(b, writeFixture(b, 'b.csv', 'id,phone\n1,555-0199\n'));
    expect(customer('1')).toMatchObject({ name: 'Ada', phone: '555-0199', segment: 'Gold' });
  });
});

describe('stated reasons that map to no reason', () => {
  it('are kept as written, listed as unmapped, and once mapped the customers and the hub follow', async () => {
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    const path = writeFixture(
      b,
      'reasons.csv',
      'id,phone,revenue,reason\n1,555-0101,10,Billing mix-up\n2,555-0102,20,billing  MIX-UP \n3,555-0103,30,Price too high\n4,555-0104,40,Closed the shop\n',
    );
    const result = await importFile(b, path, {
      mapping: { columns: { externalId: 'id', phone: 'phone', monthlyRevenue: 'revenue', statedReason: 'reason' } },
    });
    expect(result.plan.unmapped).toEqual([
      { text: 'Billing mix-up', customers: 2 },
      { text: 'Closed the shop', customers: 1 },
    ]);
    expect(customer('2')).toMatchObject({ stated_reason_text: 'billing  MIX-UP', stated_reason_id: null });
    const listed = await call(b.dispatch, 'reasons.unmapped', {});
    expect(listed.texts).toEqual([
      { text: 'Closed the shop', customers: 1, revenue: 40 },
      { text: 'Billing mix-up', customers: 2, revenue: 30 },
    ]);
    expect(await call(b.dispatch, 'queue.list', {})).toMatchObject({ total: 4 });

    const events = () => b.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'customer.departed'").pluck().get();
    const before = events();
    expect(await call(b.dispatch, 'reasons.mapText', { text: 'Billing mix-up', reasonId: 'payment-admin.admin-error' })).toEqual({
      customers: 2,
    });
    expect(customer('2')).toMatchObject({ stated_reason_id: 'payment-admin.admin-error' });
    expect(events()).toBe((before as number) + 2);
    // An unrecoverable reason takes the customer out of the queue at once.
    await call(b.dispatch, 'reasons.mapText', { text: 'closed the shop', reasonId: 'not-recoverable.business-closed' });
    expect(await call(b.dispatch, 'queue.list', {})).toMatchObject({ total: 3 });
    expect((await call(b.dispatch, 'reasons.unmapped', {})).texts).toEqual([]);

    // A later import uses the mapping the manager made.
    await importFile(b, writeFixture(b, 'more.csv', 'id,phone,reason\n9,555-0109,BILLING MIX-UP\n'));
    expect(customer('9')).toMatchObject({ stated_reason_id: 'payment-admin.admin-error' });
  });
});
