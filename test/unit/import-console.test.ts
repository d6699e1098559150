import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { dumpDatabase } from '../helpers/importing';
import { IMPORT_CHUNK_BYTES } from '../../shared/api/import';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
});
afterEach(() => b.dispose());

/** Sends a file the way the window does: begin, then base64 parts in order. */
async function upload(content: Buffer, fileName = 'departed.csv'): Promise<string> {
  const { uploadId, chunkBytes } = await call(b.dispatch, 'import.begin', { fileName, size: content.length });
  for (let offset = 0; offset < content.length; offset += chunkBytes) {
    const part = content.subarray(offset, offset + chunkBytes);
    await call(b.dispatch, 'import.chunk', { uploadId, offset, data: part.toString('base64') });
  }
  return uploadId;
}

const FILE = Buffer.from(
  'Account No,Full name,Mobile,MRR,Why they left\nN-1,Ada,+1 555-0101,"80,50",Price too high\nN-2,Bruno,+1 555-0102,20,Moved\nN-3,Chioma,,35,Sudden move abroad\n',
);

describe('importing from the console', () => {
  it('proposes a mapping, previews without writing, then writes in one go', async () => {
    const uploadId = await upload(FILE);
    const inspected = await call(b.dispatch, 'import.inspect', { uploadId });
    expect(inspected.headers).toEqual(['Account No', 'Full name', 'Mobile', 'MRR', 'Why they left']);
    expect(inspected.proposed.columns).toEqual({
      externalId: 'Account No',
      name: 'Full name',
      phone: 'Mobile',
      monthlyRevenue: 'MRR',
    });
    expect(inspected.sample[0]).toEqual(['N-1', 'Ada', '+1 555-0101', '80,50', 'Price too high']);

    // The manager corrects the mapping: the stated reason column was not recognised.
    const mapping = { columns: { ...inspected.proposed.columns, statedReason: 'Why they left' } };
    const before = dumpDatabase(b.db);
    const preview = await call(b.dispatch, 'import.preview', { uploadId, mapping });
    expect(preview).toMatchObject({ newCount: 3, updatedCount: 0, skipped: 0, invalid: 0, noContact: 1, fileError: null });
    expect(preview.unmapped).toEqual([{ text: 'Sudden move abroad', customers: 1 }]);
    expect(preview.cycles).toEqual([{ id: '2026-11', name: 'November 2026', customers: 3 }]);
    expect(dumpDatabase(b.db)).toBe(before);
    expect(await call(b.dispatch, 'import.progress', { uploadId })).toEqual({
      phase: 'read',
      bytesDone: FILE.length,
      bytesTotal: FILE.length,
    });

    await call(b.dispatch, 'import.mappings.save', { name: 'CRM export', mapping });
    const result = await call(b.dispatch, 'import.commit', { uploadId, skipInvalid: false });
    expect(result).toEqual({ imported: 3, updated: 0, skipped: 0, invalid: 0, noContact: 1, unmapped: 1, suppressed: 0, selected: 2 });
    expect(b.db.prepare("SELECT monthly_revenue FROM customers WHERE external_id = 'N-1'").pluck().get()).toBe(80.5);
    // The upload is gone once written.
    expect(await callResult(b.dispatch, 'import.progress', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(readdirSync(join(b.dir, 'import-uploads'))).toEqual([]);
    expect((await call(b.dispatch, 'import.history', {}))[0]).toMatchObject({ fileName: 'departed.csv', imported: 3 });
    expect((await call(b.dispatch, 'import.mappings.list', {})).map((m) => m.name)).toEqual(['CRM export']);
  });

  it('carries a file larger than one part, and refuses parts out of order', async () => {
    const rows = Array.from({ length: 16_000 }, (_, i) => `X-${i},Name ${i},+1 555-0100,${i % 90}.50,Moved`);
    const big = Buffer.from(`id,name,phone,revenue,reason\n${rows.join('\n')}\n`);
    expect(big.length).toBeGreaterThan(IMPORT_CHUNK_BYTES);
    const { uploadId } = await call(b.dispatch, 'import.begin', { fileName: 'big.csv', size: big.length });
    const skipped = await callResult(b.dispatch, 'import.chunk', { uploadId, offset: IMPORT_CHUNK_BYTES, data: 'AAAA' });
    expect(skipped).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call(b.dispatch, 'import.discard', { uploadId });

    const id = await upload(big, 'big.csv');
    const inspected = await call(b.dispatch, 'import.inspect', { uploadId: id });
    const preview = await call(b.dispatch, 'import.preview', { uploadId: id, mapping: inspected.proposed });
    expect(preview.newCount).toBe(16_000);
    expect((await call(b.dispatch, 'import.commit', { uploadId: id, skipInvalid: false })).imported).toBe(16_000);
  });

  it('shows the first errors, refuses to write while rows are invalid, and can skip them when asked', async () => {
    const uploadId = await upload(Buffer.from('id,phone,revenue\n1,555-0101,12\n2,555-0102,twelve\n2,555-0103,13\n'));
    const { proposed } = await call(b.dispatch, 'import.inspect', { uploadId });
    const preview = await call(b.dispatch, 'import.preview', { uploadId, mapping: proposed });
    expect(preview.invalid).toBe(2);
    expect(preview.errors.map((e) => e.line)).toEqual([3, 4]);
    const before = dumpDatabase(b.db);
    const refused = await callResult(b.dispatch, 'import.commit', { uploadId, skipInvalid: false });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_file',
        message: '2 rows are invalid, so nothing was imported. Fix the file, or choose to skip the invalid rows.',
      },
    });
    expect(dumpDatabase(b.db)).toBe(before);
    expect(await call(b.dispatch, 'import.commit', { uploadId, skipInvalid: true })).toMatchObject({ imported: 1, invalid: 2 });
  });

  it('reports a broken file in the preview, and nothing can be written from it', async () => {
    const good = Array.from({ length: 6 }, (_, i) => `${i},555-010${i}`).join('\n');
    const uploadId = await upload(Buffer.from(`id,phone\n${good}\n7,"555-0107\n8,555-0108\n`));
    const { proposed } = await call(b.dispatch, 'import.inspect', { uploadId });
    const preview = await call(b.dispatch, 'import.preview', { uploadId, mapping: proposed });
    expect(preview.fileError).toBe(
      'Line 8: a quoted value is never closed (a " is missing), so the rest of the file cannot be read. Nothing can be imported from this file.',
    );
    expect(await callResult(b.dispatch, 'import.commit', { uploadId, skipInvalid: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const binary = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.csv');
    expect(await callResult(b.dispatch, 'import.inspect', { uploadId: binary })).toMatchObject({
      ok: false,
      error: { code: 'invalid_file', message: expect.stringMatching(/^This is not a CSV text file/) as unknown },
    });
  });

  it('is for managers only, and checks what it is sent', async () => {
    expect(await callResult(b.dispatch, 'import.begin', { fileName: 'x.csv', size: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The file is empty.', field: 'size' },
    });
    const { uploadId } = await call(b.dispatch, 'import.begin', { fileName: 'x.csv', size: 3 });
    expect(await callResult(b.dispatch, 'import.inspect', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(existsSync(join(b.dir, 'import-uploads', `${uploadId}.csv`))).toBe(true);
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'import.begin', { fileName: 'x.csv', size: 3 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
