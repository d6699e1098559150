import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReasonsReport } from '../../shared/reports/reasons';
import { launchBrowser, serve, winback, type Served } from './harness';

/**
 * A manager in Munich: the console in German, the organisation's currency set to euros, and Trends
 * read on the demo's 1,869 departed customers. The figures are the backend's own report, formatted
 * here with Intl for de-DE, so the page must show exactly what a German reader expects ("1.869",
 * "14.144,60 €"), and the shipped reasons under their German names.
 */
let served: Served;
let browser: Browser;
let page: Page;

async function api<T>(channel: string, input: unknown): Promise<T> {
  const url = new URL(served.url);
  const res = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-winback-key': url.searchParams.get('key') ?? '' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
/** Intl writes a narrow no-break space before "€"; the page's textContent has the same. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim();

beforeAll(async () => {
  served = await serve((dbPath) => winback(['demo', '--db', dbPath]));
  await api('session.setup', { name: 'Mia Managerin (e2e)', role: 'manager', managerPassphrase: 'e2e manager passphrase' });
  await api('locale.setLanguage', { language: 'de' });
  await api('locale.setCurrency', { currency: 'EUR' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('Trends in German with euros, in Chromium', () => {
  it('reads the totals, the Pareto chart and its table in German, every amount in euros for de-DE', async () => {
    const report = await api<ReasonsReport>('reports.reasons', {});
    const top = [...report.rows].sort((a, b) => b.revenue - a.revenue)[0];
    if (!top) throw new Error('the demo has no departed customers');

    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('button', { name: 'Trends', exact: true }).click();
    await page.getByRole('heading', { name: 'Wohin der Umsatz ging: genannte Gründe nach verlorenem Monatsumsatz' }).waitFor();

    const totals = page.getByLabel('Summen');
    const fact = async (label: string) => plain((await totals.locator('div', { has: page.getByText(label, { exact: true }) }).locator('dd').textContent()) ?? '');
    expect(await fact('Abgewanderte Kunden')).toBe(new Intl.NumberFormat('de-DE').format(report.totals.departed));
    expect(await fact('Verlorener Monatsumsatz')).toBe(plain(euros.format(report.totals.revenue)));

    // The largest reason is a shipped one ("Competitor offered higher speeds"): its German name, its euros.
    expect(top.reasonId).toBe('competitor.better-speeds');
    const table = page.getByRole('table', { name: 'Gründe nach verlorenem Monatsumsatz' });
    expect((await table.locator('thead th').allTextContents()).slice(0, 4)).toEqual(['Kategorie', 'Grund', 'Abgewandert', 'Verlorener Umsatz']);
    const firstRow = (await table.locator('tbody tr').first().locator('td, th').allTextContents()).map(plain);
    expect(firstRow.slice(0, 4)).toEqual(['Wettbewerber', 'Konkurrenz bot höhere Bandbreite', new Intl.NumberFormat('de-DE').format(top.departed), plain(euros.format(top.revenue))]);
    const summary = plain((await page.getByRole('img', { name: /^Pareto-Diagramm/ }).getAttribute('aria-label')) ?? '');
    expect(summary).toContain(`Der größte ist Konkurrenz bot höhere Bandbreite mit ${plain(euros.format(top.revenue))}`);
    // No dollar anywhere on the page, and no English reason name left in the chart's axis.
    expect(await page.locator('main').textContent()).not.toContain('$');
    expect((await page.locator('main svg').allTextContents()).join(' ')).not.toContain('Competitor');
  });
});
