import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { pdfText } from '../helpers/pdfText';

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
  seedScenario(b.db);
});
afterEach(() => b.dispose());

const squash = (s: string) => s.replace(/\s+/g, ' ');
const text = async () => {
  const { base64 } = await call(b.dispatch, 'reports.trendsPdf', { by: 'stated', filters: {} });
  return squash((await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).text);
};

describe('the printable report for a manager', () => {
  it('carries offer economics and whether the calls worked', async () => {
    await call(b.dispatch, 'session.setup', { name: PEOPLE.mia.name, role: 'manager' });
    const flat = await text();
    // The scenario's recoveries with an accepted offer: C1 ($100, K1) and C4 ($20, K5) took
    // 15% off for 3 months: 12 x 100 + 12 x 20 = $1,440.00 revenue, 45 + 9 = $54.00 cost,
    // $1,386.00 net, over the 2 calls on which it was made (K1 and K5; K3 proposed it without making it).
    expect(flat).toContain('Offer economics: net revenue won back');
    expect(flat).toMatch(/15% off for 3 months 2 2 \$1,440\.00 \$54\.00 \$1,386\.00 \$693\.00/);
    // C3 won back by the service fix after the correction of K4: $80 for 12 months, no cost.
    expect(flat).toContain('3 customers won back through offers: $2,400.00 revenue over up to 12 months, $54.00 in offer costs, $2,346.00 net');
    expect(flat).toContain('Did the calls work: called against the control group No cycle has a control group yet.');
  });

  it("names the shipped offers in the reader's language in the offer economics table", async () => {
    await call(b.dispatch, 'session.setup', { name: PEOPLE.mia.name, role: 'manager' });
    await call(b.dispatch, 'locale.setLanguage', { language: 'de' });
    const flat = await text();
    expect(flat).toContain('15 % Rabatt für 3 Monate');
    expect(flat).not.toContain('15% off for 3 months');
  });

  it('leaves them out of an agent\'s own report', async () => {
    await call(b.dispatch, 'session.setup', { name: PEOPLE.alex.name, role: 'agent' });
    expect(await text()).not.toContain('Offer economics');
  });
});
