/**
 * Report and export speed at scale: `node --import tsx test/bench/reports.bench.ts [calls]`
 * (default 1,000,000). Builds a throwaway database with that many completed calls, then times the
 * reports (median of several runs, warm cache) and streams the calls export to a file while
 * sampling memory. Not part of `npm test`: speed is proven here, never asserted in tests.
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open';
import { reasonsReport } from '../../db/repos/reportsReasons';
import { agreement, offerMatrix, recoveryBy } from '../../db/repos/reportsRecovery';
import { iterateExport } from '../../db/repos/exports';
import { DATASETS } from '../../electron/services/export/datasets';
import { finish, streamCsv } from '../../electron/services/export/stream';
import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { DEFAULT_OFFERS } from '../../shared/domain/offers';
import { OUTCOMES } from '../../shared/domain/outcomes';

const CALLS = Number(process.argv[2] ?? 1_000_000);
const CUSTOMERS = Math.max(1000, Math.round(CALLS / 3));
const dir = mkdtempSync(join(tmpdir(), 'winback-bench-'));
// WINBACK_BENCH_DB reuses a database an earlier run built (and keeps it).
const reuse = process.env.WINBACK_BENCH_DB;
const path = reuse ?? join(dir, 'bench.db');
const out = (line: string) => process.stdout.write(`${line}\n`);

function build(): void {
  const db = openDatabase(path);
  const reasons = DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => r.id));
  const offers = DEFAULT_OFFERS.map((o) => o.id);
  const segments = ['Month-to-month', 'One year', 'Two year'];
  const started = Date.now();
  db.transaction(() => {
    const people = ['agent', 'agent', 'agent', 'agent', 'executive', 'manager'] as const;
    people.forEach((role, i) => db.prepare('INSERT INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(`p${i}`, `Person ${i}`, role, '2025-01-01'));
    for (let m = 1; m <= 12; m += 1) {
      const id = `2025-${String(m).padStart(2, '0')}`;
      db.prepare("INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, 'monthly', ?, ?, '2025-01-01')").run(id, `Month ${m} 2025`, `${id}-01`, `${id}-28`);
    }
    const customer = db.prepare(
      `INSERT INTO customers (id, external_id, name, segment, product, monthly_revenue, departed_at, stated_reason_text, stated_reason_id, frontline_team, cycle_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01', '2025-01-01')`,
    );
    for (let i = 1; i <= CUSTOMERS; i += 1) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const reason = reasons[i % reasons.length] ?? null;
      customer.run(i, `C${i}`, `Customer ${i}`, segments[i % 3], i % 2 ? 'DSL' : 'Fiber optic', 20 + (i % 100), `2025-${month}-${String((i % 27) + 1).padStart(2, '0')}`, reason, reason, `Team ${i % 4}`, `2025-${month}`);
    }
    const call = db.prepare(
      `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const why = db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 1)');
    const offer = db.prepare('INSERT INTO call_offers (call_id, offer_id, answer) VALUES (?, ?, ?)');
    for (let i = 1; i <= CALLS; i += 1) {
      const id = `K${i}`;
      const customerId = (i % CUSTOMERS) + 1;
      const month = String((customerId % 12) + 1).padStart(2, '0');
      const at = `2025-${month}-${String((i % 27) + 1).padStart(2, '0')}T10:00:00.000Z`;
      const p = i % 6;
      const outcome = OUTCOMES[i % OUTCOMES.length] ?? 'declined';
      call.run(id, customerId, `p${p}`, p === 4 ? 'executive' : p === 5 ? 'manager' : 'agent', `2025-${month}`, at, at, outcome);
      if (outcome !== 'no_answer' && outcome !== 'wrong_number') {
        why.run(id, reasons[(i * 7) % reasons.length]);
        offer.run(id, offers[i % offers.length], outcome === 'recovered' ? 'accepted' : 'declined');
      }
    }
  })();
  db.pragma('optimize');
  db.close();
  out(`built ${CUSTOMERS.toLocaleString()} customers and ${CALLS.toLocaleString()} calls in ${((Date.now() - started) / 1000).toFixed(1)} s (${(statSync(path).size / 1e6).toFixed(0)} MB)`);
}

function time(label: string, run: () => unknown, rounds = 5): void {
  run();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  out(`${label.padEnd(58)} median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms  (min ${ms[0]?.toFixed(0)}, max ${ms.at(-1)?.toFixed(0)})`);
}

async function main(): Promise<void> {
  if (!reuse || !existsSync(reuse)) build();
  if (process.env.WINBACK_BENCH_BUILD_ONLY === '1') return;
  const db = openDatabase(path);
  time('diagnosed reasons by month (calls, revenue, recoveries)', () => reasonsReport(db, { by: 'diagnosed', group: 'month' }));
  time('diagnosed reasons by month, one segment', () => reasonsReport(db, { by: 'diagnosed', group: 'month', segment: 'One year' }));
  time('diagnosed reasons, one caller (an agent\'s own view)', () => reasonsReport(db, { by: 'diagnosed', callerId: 'p1' }));
  time('stated reasons by cycle', () => reasonsReport(db, { by: 'stated', group: 'cycle' }));
  time('recovery by offer', () => recoveryBy(db, 'offer', {}));
  time('recovery by agent', () => recoveryBy(db, 'agent', {}));
  time('offer matrix', () => offerMatrix(db, {}));
  time('stated vs diagnosed agreement', () => agreement(db, {}));
  db.close();

  const reader = new Database(path, { readonly: true });
  const file = join(dir, 'calls.csv');
  const stream = createWriteStream(file);
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const { rows } = iterateExport(reader, DATASETS.calls.query);
  const written = await streamCsv(rows, DATASETS.calls.columns, stream);
  await finish(stream);
  clearInterval(sample);
  out(
    `export calls: ${written.toLocaleString()} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
      `RSS before ${(before / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB`,
  );
  reader.close();
  rmSync(dir, { recursive: true, force: true });
  if (!reuse) rmSync(path, { force: true });
}

await main();
