import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { pdfText } from '../helpers/pdfText';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('the printable trends report', () => {
  it('is a PDF naming the cycle and filters at the top, with each chart and its numbers', async () => {
    const { fileName, base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'stated', filters: { cycle: 'November 2026', segment: 'Month-to-month' } });
    expect(fileName).toBe('winback-trends-november-2026-2026-11-16.pdf');
    const pdf = Buffer.from(base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(new Uint8Array(pdf));
    const flat = squash(text);
    expect(flat).toContain('Cycle: November 2026');
    expect(flat).toContain('Reasons: stated at departure');
    expect(flat).toContain('Segment: Month-to-month');
    // Month-to-month in November: only C3 (80/month, support attitude), recovered on K4.
    expect(flat).toContain('1 departed customers, $80.00 monthly revenue lost');
    expect(flat).toContain('Attitude of support person');
    expect(flat).toContain('Trend across cycles');
    expect(flat).toContain('Offer effectiveness');
    expect(flat).toContain('The fix, and proof the process changed');
    expect(flat).toContain('Stated versus diagnosed reasons');
    expect(flat).toMatch(/page 1 of \d/);
  });

  it('names "All cycles" without a cycle, and prints non-Latin reason texts', async () => {
    b.db.prepare("UPDATE customers SET stated_reason_text = 'Пропал интернет' WHERE external_id = 'C5'").run();
    const { base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'diagnosed' });
    const flat = squash((await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).text);
    expect(flat).toContain('Cycle: All cycles');
    expect(flat).toContain('Reasons: diagnosed on calls');
    expect(flat).toContain('Too expensive');
    const stated = await call(b.dispatch, 'reports.trendsPdf', { by: 'stated' });
    expect(squash((await pdfText(new Uint8Array(Buffer.from(stated.base64, 'base64')))).text)).toContain('Пропал интернет');
  });

  it('counts calls one way on every page, and says what each figure counts', async () => {
    // Diagnosed reasons over all cycles: the reasons report sees 6 calls behind the diagnosed
    // customers, the recovery report 7 completed calls. The PDF said "6 calls" on page 1 and "7" later.
    const { base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'diagnosed' });
    const flat = squash((await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).text);
    expect(flat).toContain('5 customers diagnosed on calls, $280.00 of their monthly revenue lost.');
    expect(flat.match(/7 calls, 3 recovered \(42\.9%\)/g)).toHaveLength(2);
    expect(flat).not.toMatch(/\b6 calls, \d+ recovered/);
    expect(flat).toContain('Calls count completed calls in these filters, each call once (corrections included)');
  });

  it("names the reasons as the reader's screen does: the manager's own name for their language, else the catalogue's words", async () => {
    await call(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { de: 'Zu teuer für uns', fr: 'Trop cher pour nous' } });
    await call(b.dispatch, 'locale.setLanguage', { language: 'de' });
    const german = squash((await pdfText(new Uint8Array(Buffer.from((await call(b.dispatch, 'reports.trendsPdf', { by: 'stated' })).base64, 'base64')))).text);
    expect(german).toContain('Zu teuer für uns');
    expect(german).toContain('Verhalten des Supports');
    expect(german).not.toMatch(/Too expensive|Attitude of support person|Trop cher pour nous/);
    await call(b.dispatch, 'locale.setLanguage', { language: 'en' });
    const english = squash((await pdfText(new Uint8Array(Buffer.from((await call(b.dispatch, 'reports.trendsPdf', { by: 'stated' })).base64, 'base64')))).text);
    expect(english).toContain('Too expensive');
    expect(english).not.toContain('für uns');
  });
});
