import { describe, expect, it } from 'vitest';
import { barChart, createDoc, heading, lineChart, paragraph, table, toBuffer } from '../../electron/backend/reports/pdfLayout';
import { niceScale } from '../../shared/reports/charts';
import { pdfText } from '../helpers/pdfText';

const pagesOf = async (doc: ReturnType<typeof createDoc>) => (await pdfText(new Uint8Array(await toBuffer(doc)))).pageTexts;

describe('the printed report keeps headings with what they head', () => {
  it('moves a heading to the next page with its chart rather than leave it at the foot', async () => {
    const doc = createDoc({ title: 't', subject: 's' });
    // Room for the heading alone, not for the chart under it.
    doc.y = doc.page.height - doc.page.margins.bottom - 70;
    heading(doc, 'Recovery by offer');
    barChart(doc, Array.from({ length: 10 }, (_, i) => ({ label: `Offer ${i}`, value: i + 1, text: String(i + 1) })));
    const pages = await pagesOf(doc);
    expect(pages).toHaveLength(2);
    expect(pages[0]).not.toContain('Recovery by offer');
    expect(pages[1]).toMatch(/^Recovery by offer/);
  });

  it('keeps a heading with the first rows of its table', async () => {
    const doc = createDoc({ title: 't', subject: 's' });
    doc.y = doc.page.height - doc.page.margins.bottom - 45;
    heading(doc, 'Recovery by segment', 11);
    table(doc, [{ header: 'Segment', width: 1, value: (r: string) => r }], ['One year', 'Two year']);
    const pages = await pagesOf(doc);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.trim()).toBe('');
    expect(pages[1]).toMatch(/^Recovery by segment/);
  });

  it('keeps a heading with the first lines of a paragraph under it', async () => {
    const doc = createDoc({ title: 't', subject: 's' });
    doc.y = doc.page.height - doc.page.margins.bottom - 60;
    heading(doc, 'Recovery');
    paragraph(doc, 'Seven calls, three recovered. '.repeat(40));
    const pages = await pagesOf(doc);
    // Either the heading and two lines or more stay together on the first page, or all moves on.
    const first = pages[0] ?? '';
    if (first.includes('Recovery')) expect(first.split('Seven calls').length - 1).toBeGreaterThanOrEqual(6);
    else expect(pages[1]).toMatch(/^Recovery/);
  });
});

describe('axis ticks', () => {
  it('are round numbers that cover the largest value', () => {
    expect(niceScale(873)).toEqual({ max: 1000, step: 250, ticks: [0, 250, 500, 750, 1000] });
    expect(niceScale(150)).toEqual({ max: 200, step: 50, ticks: [0, 50, 100, 150, 200] });
    expect(niceScale(9.3).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceScale(0).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('label the printed line chart', async () => {
    const doc = createDoc({ title: 't', subject: 's' });
    lineChart(doc, ['Oct', 'Nov'], [{ name: 'Price', values: [873, 400] }], (v) => `$${Math.round(v).toLocaleString('en-US')}`);
    const [page] = await pagesOf(doc);
    for (const tick of ['$250', '$500', '$750', '$1,000']) expect(page).toContain(tick);
    expect(page).not.toContain('$218');
  });
});
