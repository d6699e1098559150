import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { prepareCustomerUpsert } from '../db/repos/customers';
import { setSetting } from '../db/repos/settings';
import { PERMISSION_KEYS } from '../db/repos/permissions';
import { customerBlock, numberBlock } from '../electron/backend/permissions/ledger';
import { importSuppressionList, readListFile } from '../electron/backend/permissions/listImport';
import { measure } from './lib/measure';
import { judged, type Benchmark, type BenchResult } from './types';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const MANAGER = { id: 'bench-manager', name: 'Bench Manager' };

/** A US number as a registry extract writes it, national: "(415) 555-0123"; distinct for each n below 10^7. */
function nationalNumber(n: number): string {
  const area = 201 + (n % 700);
  const rest = Math.floor(n / 700) + 2_000_000;
  const s = String(rest).padStart(7, '0');
  return `(${area}) ${s.slice(0, 3)}-${s.slice(3)}`;
}

/**
 * The contact-permission ledger: importing a do-not-call registry extract of 1,000,000 national
 * numbers (read, each read into E.164, written all or nothing with its changes for the hub, then
 * every customer's block worked out again) into a console of 100,000 customers; and the check the
 * dial button makes (the number, and the customer's number, email and id, against the ledger).
 * Baseline for the import: the same numbers, already in E.164, inserted by one prepared statement
 * into a table of the same shape in one transaction.
 */
export const permissionsBenchmark: Benchmark = {
  name: 'permissions',
  run: async (ctx) => {
    const numbers = ctx.quick ? 50_000 : 1_000_000;
    const customers = ctx.quick ? 5_000 : 100_000;
    const results: BenchResult[] = [];
    const dbPath = join(ctx.dir, 'winback.db');
    const db = openDatabase(dbPath);
    try {
      setSetting(db, PERMISSION_KEYS.country, 'US');
      db.transaction(() => {
        const upsert = prepareCustomerUpsert(db);
        for (let i = 0; i < customers; i += 1) {
          upsert(
            {
              externalId: `B${i}`, name: `Bench${i}`, company: null, phone: nationalNumber(i % 2 === 0 ? i * 7 : 2_000_000 + i), email: `b${i}@example.test`, timezone: null,
              segment: null, product: null, monthlyRevenue: 20 + (i % 90), tenureMonths: 12, departedAt: '2026-10-01', lastActivityAt: null,
              statedReasonText: null, statedReasonId: null, frontlineRep: null, frontlineTeam: null, notes: null, cycleId: null,
            },
            NOW.toISOString(),
          );
        }
      })();
      const file = join(ctx.dir, 'registry.txt');
      const lines: string[] = [];
      for (let i = 0; i < numbers; i += 1) lines.push(nationalNumber(i));
      writeFileSync(file, `${lines.join('\n')}\n`);
      ctx.log(`  importing ${numbers.toLocaleString('en')} numbers…`);

      const start = performance.now();
      const text = await readListFile(file);
      const result = importSuppressionList(db, MANAGER, text, { name: 'Registry', scope: 'call', registry: true, column: null, country: null, expiresAt: null }, NOW);
      const importMs = performance.now() - start;
      if (result.numbers !== numbers) throw new Error(`imported ${result.numbers} of ${numbers}`);

      const base = openDatabase(join(ctx.dir, 'baseline.db'));
      const e164 = lines.map((_, i) => `+1${String(201 + (i % 700))}${String(Math.floor(i / 700) + 2_000_000).padStart(7, '0')}`).sort();
      const baseStart = performance.now();
      base.exec('CREATE TABLE v (value TEXT NOT NULL, list_id INTEGER NOT NULL, PRIMARY KEY (value, list_id)) WITHOUT ROWID, STRICT');
      base.transaction(() => {
        const add = base.prepare('INSERT INTO v (value, list_id) VALUES (?, 1)');
        for (const v of e164) add.run(v);
      })();
      const baseMs = performance.now() - baseStart;
      base.close();
      results.push(
        judged({
          name: `suppression list import, ${numbers.toLocaleString('en')} numbers`,
          value: importMs,
          unit: 'ms',
          target: ctx.quick ? null : 10_000,
          baseline: baseMs,
          ratioTarget: null,
          note: `${customers.toLocaleString('en')} customers, ${result.customersBlocked.toLocaleString('en')} of them blocked by the list; national US numbers read into E.164; one transaction with ${Math.ceil(numbers / 5000)} hub changes. Baseline: the E.164 values (already sorted) inserted into the same b-tree.`,
        }),
      );

      const blocked = nationalNumber(numbers - 1);
      const free = '(999) 555-0000';
      const dial = await measure((i) => numberBlock(db, i % 2 === 0 ? blocked : free, NOW), { warmup: 200, iterations: 5_000 });
      results.push(
        judged({
          name: 'dial check, one number',
          value: dial.median,
          unit: 'ms',
          target: 1,
          baseline: null,
          ratioTarget: null,
          note: `against ${numbers.toLocaleString('en')} listed numbers; half of the numbers checked are listed; p95 ${dial.p95.toFixed(3)} ms.`,
        }),
      );
      const row = { external_id: 'B7', phone: nationalNumber(49), email: 'b7@example.test' };
      const card = await measure(() => customerBlock(db, row, 'call', NOW), { warmup: 200, iterations: 5_000 });
      results.push(
        judged({
          name: 'dial check, a customer (number, email and id)',
          value: card.median,
          unit: 'ms',
          target: 1,
          baseline: null,
          ratioTarget: null,
          note: `five indexed lookups (entries and lists); p95 ${card.p95.toFixed(3)} ms.`,
        }),
      );
    } finally {
      db.close();
    }
    return results;
  },
};
