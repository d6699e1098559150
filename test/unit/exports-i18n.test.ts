import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { readExport, settledExport } from '../helpers/exports';
import { pdfText } from '../helpers/pdfText';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

/** Intl writes no-break spaces in German and French amounts; compared as plain spaces. */
const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

describe('the files a person takes away, in their language', () => {
  it('German with euros: the CSV is headed in German with the currency, its cells stay machine-readable', async () => {
    await call(b.dispatch, 'locale.setLanguage', { language: 'de' });
    await call(b.dispatch, 'locale.setCurrency', { currency: 'EUR' });
    const started = await call(b.dispatch, 'exports.start', { dataset: 'calls' });
    expect((await settledExport(b, started)).state).toBe('done');
    const rows = parse<Record<string, string>>(await readExport(b, started.jobId), { columns: true, bom: true });
    const k4 = rows.find((r) => r['Anruf-ID'] === 'K4');
    expect(k4).toMatchObject({ Anrufer: 'Sam Agent', 'Geklärter Grund': 'Attitude of support person', 'Grund bestätigt': expect.stringMatching(/^(ja|nein)$/) as string });
    // An outcome is a word a German reader knows, not the stored code or the English label.
    expect(rows.find((r) => r['Anruf-ID'] === 'K6')?.Ergebnis).toBe('Abgelehnt');
    expect(rows.find((r) => r['Anruf-ID'] === 'K7')?.Ergebnis).toBe('Rückruf');
    // The amount stays a plain number a spreadsheet sums; its header names the unit.
    expect(k4?.['Monatsumsatz (EUR)']).toMatch(/^\d+(\.\d+)?$/);
  });

  it('French with euros: the PDF report in French, amounts as French people write them', async () => {
    await call(b.dispatch, 'locale.setLanguage', { language: 'fr' });
    await call(b.dispatch, 'locale.setCurrency', { currency: 'EUR' });
    const { base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'stated', filters: { cycle: 'November 2026', segment: 'Month-to-month' } });
    const flat = squash((await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).text);
    expect(flat).toContain('Winback Console : tendances des motifs');
    expect(flat).toContain('Cycle : November 2026');
    expect(flat).toContain('Motifs : donnés au départ');
    expect(flat).toContain('1 clients partis, 80,00 € de revenu mensuel perdu.');
    expect(flat).toContain('Montants en EUR.');
    expect(flat).toMatch(/page 1 sur \d/);
    expect(flat).not.toContain('$');
  });

  it('English for a person who chose English, whatever the other desks speak', async () => {
    await call(b.dispatch, 'locale.setLanguage', { language: 'en' });
    const { base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'stated' });
    const flat = squash((await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).text);
    expect(flat).toContain('Winback Console: reason trends');
    expect(flat).toContain('Cycle: All cycles');
  });
});
