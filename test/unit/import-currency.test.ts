import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, signIn, type TestBackend } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import type { ImportMapping } from '../../shared/domain/importMapping';

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
});
afterEach(() => b.dispose());

const MAPPING: ImportMapping = { columns: { externalId: 'id', name: 'name', phone: 'phone', monthlyRevenue: 'revenue', departedAt: 'left' } };

function file(name: string, amounts: string[], separator: ',' | ';' = ';'): string {
  const rows = amounts.map((amount, i) => [`K-${i + 1}`, `Kunde ${i + 1}`, `+49 30 55501${String(i).padStart(2, '0')}`, amount, '2026-10-01'].join(separator));
  return writeFixture(b, name, [['id', 'name', 'phone', 'revenue', 'left'].join(separator), ...rows].join('\n') + '\n');
}

const currency = async () => {
  const locale = await call(b.dispatch, 'locale.get', {});
  return { currency: locale.currency, source: locale.currencySource };
};

describe("the organisation's currency from the first import", () => {
  it('is taken from the amounts’ signs when nobody chose one: "1.234,56 EUR" makes the console count in euros', async () => {
    await signIn(b.dispatch, { name: 'Mia', role: 'manager' });
    expect((await currency()).source).toBe('system');
    await importFile(b, file('euros.csv', ['1.234,56 EUR', '53,85 €', '']), { mapping: MAPPING });
    expect(await currency()).toEqual({ currency: 'EUR', source: 'setting' });
  });

  it('stays what the first import made it: a later file in pounds does not change it', async () => {
    await importFile(b, file('euros.csv', ['€ 12', '13 €']), { mapping: MAPPING });
    await importFile(b, file('pounds.csv', ['£3.50', '£4.00'], ','), { mapping: MAPPING });
    expect(await currency()).toEqual({ currency: 'EUR', source: 'setting' });
  });

  it("never overrides a manager's choice", async () => {
    await signIn(b.dispatch, { name: 'Mia', role: 'manager' });
    await call(b.dispatch, 'locale.setCurrency', { currency: 'gbp' });
    await importFile(b, file('euros.csv', ['1.234,56 EUR']), { mapping: MAPPING });
    expect(await currency()).toEqual({ currency: 'GBP', source: 'setting' });
  });

  it('is left to the system when the signs name no one currency ("$" is several), disagree, or nothing is written', async () => {
    await importFile(b, file('dollars.csv', ['$12.00', '$13.00'], ','), { mapping: MAPPING });
    expect((await currency()).source).toBe('system');
    await importFile(b, file('mixed.csv', ['12 EUR', '£13']), { mapping: MAPPING });
    expect((await currency()).source).toBe('system');
    await importFile(b, file('dry.csv', ['12 EUR', '13 EUR']), { mapping: MAPPING, dryRun: true });
    expect((await currency()).source).toBe('system');
  });
});
