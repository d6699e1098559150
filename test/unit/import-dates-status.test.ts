import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import { proposeMapping, type ImportMapping } from '../../shared/domain/importMapping';
import { english } from '../helpers/said';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend(); // today is 2026-11-16
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
});
afterEach(() => b.dispose());

/** Sends a file the way the window does: begin, then base64 parts in order. */
async function upload(text: string): Promise<string> {
  const content = Buffer.from(text);
  const { uploadId } = await call(b.dispatch, 'import.begin', { fileName: 'departed.csv', size: content.length });
  await call(b.dispatch, 'import.chunk', { uploadId, offset: 0, data: content.toString('base64') });
  return uploadId;
}

const MAPPING: ImportMapping = { columns: { externalId: 'id', name: 'name', phone: 'phone', monthlyRevenue: 'revenue', departedAt: 'left' } };
const departedOn = (id: string) => b.db.prepare('SELECT departed_at FROM customers WHERE external_id = ?').pluck().get(id);

/** 47 customers who left in October 2026, written day first as European exports do: two are 01/10 and 02/10. */
const european = () => {
  const rows = Array.from({ length: 47 }, (_, i) => {
    const day = String((i % 31) + 1).padStart(2, '0');
    return `E-${i + 1},Eva ${i + 1},+49 30 55501${String(i).padStart(2, '0')},40,${day}/10/2026`;
  });
  return `id,name,phone,revenue,left\n${rows.join('\n')}\n`;
};

describe('dates written day first or month first', () => {
  it('reads DD/MM/YYYY when the column shows it (a day past 12), and says so in the preview', async () => {
    const uploadId = await upload(european());
    const preview = await call(b.dispatch, 'import.preview', { uploadId, mapping: MAPPING });
    expect(preview).toMatchObject({ newCount: 47, invalid: 0 });
    expect(preview.dates).toMatchObject({ slashed: true, format: 'dmy', chosen: false });
    expect(preview.dates?.example).toMatchObject({ value: '13/10/2026' });
    await call(b.dispatch, 'import.commit', { uploadId, skipInvalid: false });
    expect(departedOn('E-2')).toBe('2026-10-02');
    expect(departedOn('E-25')).toBe('2026-10-25');
  });

  it('reads MM/DD/YYYY on the command line too, when the column shows it', async () => {
    const text = 'id,name,phone,revenue,left\nU-1,Una,+1 212 555 0100,40,10/25/2026\nU-2,Uli,+1 212 555 0101,40,10/02/2026\n';
    const result = await importFile(b, writeFixture(b, 'us.csv', text), { mapping: MAPPING });
    expect(result.plan.invalid).toBe(0);
    expect(departedOn('U-2')).toBe('2026-10-02');
  });

  it('asks when the whole column is ambiguous, then reads it as the manager chose', async () => {
    const text = 'id,name,phone,revenue,left\nA-1,Ada,+44 20 7946 0001,40,03/04/2026\nA-2,Abe,+44 20 7946 0002,40,05/06/2026\n';
    const uploadId = await upload(text);
    const asked = await call(b.dispatch, 'import.preview', { uploadId, mapping: MAPPING });
    expect(asked.dates).toMatchObject({ slashed: true, format: null });
    expect(asked.invalid).toBe(2);
    expect(asked.errors[0]).toMatchObject({ line: 2, column: 'left', value: '03/04/2026' });
    expect(asked.errors[0]?.message).toMatch(/choose whether dates are day first .* or month first/i);

    const chosen = await call(b.dispatch, 'import.preview', { uploadId, mapping: { ...MAPPING, dateFormat: 'dmy' } });
    expect(chosen).toMatchObject({ invalid: 0, newCount: 2 });
    expect(chosen.dates).toMatchObject({ format: 'dmy', chosen: true });
    await call(b.dispatch, 'import.commit', { uploadId, skipInvalid: false });
    expect(departedOn('A-1')).toBe('2026-04-03');
  });

  it('marks a row whose date contradicts the column, by line', async () => {
    const text = 'id,name,phone,revenue,left\nA-1,Ada,+44 20 7946 0001,40,25/10/2026\nA-2,Abe,+44 20 7946 0002,40,10/25/2026\n';
    const preview = await call(b.dispatch, 'import.preview', { uploadId: await upload(text), mapping: MAPPING });
    expect(preview.invalid).toBe(1);
    expect(preview.errors[0]).toMatchObject({ line: 3, column: 'left', value: '10/25/2026' });
  });
});

describe('a departure date in the future', () => {
  it('is an error on its line, not a cycle that has not begun', async () => {
    const text = 'id,name,phone,revenue,left\nF-1,Fay,+44 20 7946 0001,40,2026-11-02\nF-2,Finn,+44 20 7946 0002,40,2027-01-15\n';
    const preview = await call(b.dispatch, 'import.preview', { uploadId: await upload(text), mapping: MAPPING });
    expect(preview).toMatchObject({ newCount: 1, invalid: 1 });
    expect(preview.cycles.map((c) => c.id)).toEqual(['2026-11']);
    expect(preview.errors).toEqual([
      expect.objectContaining({ line: 3, column: 'left', value: '2027-01-15', message: expect.stringMatching(/in the future/) as unknown }),
    ]);
  });
});

describe('warnings in the preview', () => {
  it('warns when no column gives the revenue', async () => {
    const text = 'id,name,phone\nW-1,Wes,+44 20 7946 0001\n';
    const { monthlyRevenue: _r, departedAt: _d, ...columns } = MAPPING.columns;
    const preview = await call(b.dispatch, 'import.preview', { uploadId: await upload(text), mapping: { columns } });
    expect(preview.warnings.map(english).join(' ')).toMatch(/No column is mapped to Monthly revenue/);
    const withRevenue = await call(b.dispatch, 'import.preview', {
      uploadId: await upload('id,name,phone,revenue\nW-1,Wes,+44 20 7946 0001,40\n'),
      mapping: { columns: { ...columns, monthlyRevenue: 'revenue' } },
    });
    expect(withRevenue.warnings).toEqual([]);
  });
});

describe('rows whose status says the customer is still active', () => {
  const text =
    'id,name,phone,revenue,Status\nS-1,Sam,+44 20 7946 0001,40,Cancelled\nS-2,Sue,+44 20 7946 0002,50,Active\nS-3,Sid,+44 20 7946 0003,60,active\n';

  it('proposes the status column and leaves active rows out unless the manager says to import them', async () => {
    const uploadId = await upload(text);
    const inspected = await call(b.dispatch, 'import.inspect', { uploadId });
    expect(inspected.proposed.statusColumn).toBe('Status');
    const preview = await call(b.dispatch, 'import.preview', { uploadId, mapping: inspected.proposed });
    expect(preview).toMatchObject({ newCount: 1, active: 2, invalid: 0 });
    expect(preview.warnings.map(english).join(' ')).toMatch(/2 rows say in “Status” that the customer is still active/);

    const anyway = await call(b.dispatch, 'import.preview', { uploadId, mapping: { ...inspected.proposed, importActive: true } });
    expect(anyway).toMatchObject({ newCount: 3, active: 0 });
    await call(b.dispatch, 'import.commit', { uploadId, skipInvalid: false });
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
  });

  it('leaves them out on the command line too', async () => {
    const path = writeFixture(b, 'status.csv', text);
    const result = await importFile(b, path, { mapping: proposeMapping(['id', 'name', 'phone', 'revenue', 'Status']) });
    expect(result.plan).toMatchObject({ newCount: 1, active: 2 });
    expect(b.db.prepare('SELECT external_id FROM customers').pluck().all()).toEqual(['S-1']);
  });
});

describe('slashed dates far down a file', () => {
  it('still offers the choice when the first thousand dates had none', async () => {
    const iso = Array.from({ length: 1200 }, (_, i) => `I-${i},Ida,+44 20 7946 ${String(i).padStart(4, '0')},40,2026-10-0${1 + (i % 9)}`);
    const text = `id,name,phone,revenue,left\n${iso.join('\n')}\nL-1,Lia,+44 20 7946 9999,40,03/04/2026\n`;
    const preview = await call(b.dispatch, 'import.preview', { uploadId: await upload(text), mapping: MAPPING });
    expect(preview).toMatchObject({ newCount: 1200, invalid: 1 });
    expect(preview.dates).toMatchObject({ slashed: true, format: null });
  });
});
