import type Database from 'better-sqlite3';

/**
 * Migration 9's backfill in one pass over the calls already there, customer by customer in day
 * order: the recovery, offer and agreement cells, each call's chains and the offers made on it.
 * Done in SQL, the same sums are ten sorts of several million rows and a rewrite of every call in
 * key order (minutes at a million calls); here it is one sort, one read and the writes. It writes
 * what RECOVERY_SUMMARY_DERIVATIONS derive (the tests compare the two).
 */

type Row = [
  rowid: number,
  customer: number,
  day: string,
  cycle: string | null,
  caller: string,
  executive: number,
  recovered: number,
  reason: string | null,
  revenue: number,
  segment: string,
  product: string,
  team: string,
  stated: string | null,
  offers: string | null,
];

type Part = string | number;
interface Cell {
  parts: readonly Part[];
  sums: number[];
}
type Node = Map<Part, Node | Cell>;

/** Sums per key: a tree of maps, one level per key column, down to the cell (its key columns and sums). */
class Cells {
  private readonly root: Node = new Map();
  readonly all: Cell[] = [];
  add(parts: readonly Part[], values: readonly number[]): void {
    let node = this.root;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const part = parts[i] as Part;
      let next = node.get(part) as Node | undefined;
      if (!next) {
        next = new Map();
        node.set(part, next);
      }
      node = next;
    }
    const last = parts[parts.length - 1] as Part;
    const cell = node.get(last) as Cell | undefined;
    if (!cell) {
      const created = { parts, sums: [...values] };
      node.set(last, created);
      this.all.push(created);
      return;
    }
    for (let i = 0; i < values.length; i += 1) cell.sums[i] = (cell.sums[i] ?? 0) + (values[i] ?? 0);
  }
}

/** A customer's previous call per chain: the last day seen, and the last recovered one. */
class Chain {
  private readonly last = new Map<unknown, string>();
  private readonly lastRecovered = new Map<unknown, string>();
  /** This call's previous day and previous recovered day; then the call itself becomes the last. */
  next(key: unknown, day: string, recovered: boolean): [string | null, string | null] {
    const before: [string | null, string | null] = [this.last.get(key) ?? null, this.lastRecovered.get(key) ?? null];
    this.last.set(key, day);
    if (recovered) this.lastRecovered.set(key, day);
    return before;
  }
}

export function backfillRecoverySummaries(db: Database.Database): void {
  const recovery = new Cells();
  const offers = new Cells();
  const agreement = new Cells();
  db.exec(`CREATE TEMP TABLE call_facts_backfill (rid INTEGER PRIMARY KEY, reason_prev_day TEXT, reason_prev_recovered_day TEXT,
    reason_cycle_prev_day TEXT, reason_cycle_prev_recovered_day TEXT, diagnosed_prev_day TEXT, diagnosed_prev_recovered_day TEXT,
    offers_made TEXT)`);
  const keep = db.prepare('INSERT INTO call_facts_backfill VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Customers a few thousand at a time (a statement being read cannot be written beside), each
  // customer's calls in day order.
  const batch = db
    .prepare(
      `SELECT f.rowid, f.customer_id, f.day, f.cycle_id, f.caller_id, f.caller_role = 'executive', f.outcome = 'recovered', f.reason_id,
         f.revenue_micros, coalesce(f.segment, ''), coalesce(f.product, ''), coalesce(f.team, ''), f.stated_reason_id,
         (SELECT json_group_array(json_array(o.offer_id, o.answer) ORDER BY o.offer_id) FROM call_offers o
           WHERE o.call_id = f.call_id AND o.answer <> 'not_offered' HAVING count(*) > 0)
       FROM call_facts f WHERE f.customer_id >= ? AND f.customer_id < ?
       ORDER BY f.customer_id, f.day, f.call_id`,
    )
    .raw();
  const bounds = db.prepare('SELECT min(customer_id) AS low, max(customer_id) AS high FROM call_facts').get() as { low: number | null; high: number | null };
  const BATCH = 5000;

  // One customer's calls per recovery cell and revenue: their revenue counts once per cell.
  let customer: number | null = null;
  let own = new Cells();
  let byReason = new Chain();
  let byReasonCycle = new Map<string, Chain>();
  let anyReason = new Chain();
  const flush = () => {
    for (const { parts, sums } of own.all) {
      const [calls = 0, won = 0] = sums;
      // parts: the cell's key columns, then the customer's revenue.
      const revenue = parts[parts.length - 1] as number;
      recovery.add(parts.slice(0, -1), [calls, won, won > 0 ? revenue : 0]);
    }
    own = new Cells();
    byReason = new Chain();
    byReasonCycle = new Map();
    anyReason = new Chain();
  };
  const calls = function* (): Generator<Row> {
    for (let low = bounds.low ?? 0; bounds.high !== null && low <= bounds.high; low += BATCH) yield* batch.all(low, low + BATCH) as Row[];
  };
  for (const r of calls()) {
    const [rowid, cust, day, cycle, caller, executive, won, reason, revenue, segment, product, team, stated, made] = r;
    if (cust !== customer) {
      flush();
      customer = cust;
    }
    const madeOffers = made === null ? [] : (JSON.parse(made) as [string, string][]);
    const keys: [string, string][] = [
      ['all', ''],
      ['caller', caller],
      ['group', executive === 1 ? 'executive' : 'team'],
      ...madeOffers.map(([offer]) => ['offer', offer] as [string, string]),
    ];
    const periods: [string, string][] = [
      ['all', ''],
      ['cycle', cycle ?? ''],
    ];
    for (const [kind, period] of periods) {
      const coords = [kind, period, segment, product, team];
      for (const [dim, key] of keys) own.add([...coords, dim, key, revenue], [1, won]);
      for (const [offer, answer] of madeOffers) offers.add([...coords, reason ?? '', offer], [1, answer === 'accepted' ? 1 : 0, won]);
      if (reason !== null) agreement.add([...coords, stated ?? '', reason], [1]);
    }
    let chains: (string | null)[] = [null, null, null, null, null, null];
    if (reason !== null) {
      // The chains: the reason; the reason and cycle (no cycle, a cycle of its own); any reason.
      let inCycle = byReasonCycle.get(reason);
      if (!inCycle) {
        inCycle = new Chain();
        byReasonCycle.set(reason, inCycle);
      }
      chains = [...byReason.next(reason, day, won === 1), ...inCycle.next(cycle, day, won === 1), ...anyReason.next(null, day, won === 1)];
    }
    if (made !== null || chains.some((c) => c !== null)) keep.run(rowid, ...chains, made);
  }
  flush();

  const insert = (table: string, columns: string, cells: Cells) => {
    const statement = db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${columns.split(', ').map(() => '?').join(', ')})`);
    for (const { parts, sums } of cells.all) statement.run(...parts, ...sums);
  };
  insert('recovery_cells', 'period_kind, period, segment, product, team, dim, key, calls, recovered, recovered_revenue_micros', recovery);
  insert('offer_cells', 'period_kind, period, segment, product, team, reason_id, offer_id, offered, accepted, recovered', offers);
  insert('agreement_cells', 'period_kind, period, segment, product, team, stated_reason_id, reason_id, calls', agreement);
  // In row order, so the calls are rewritten page by page.
  db.exec(`UPDATE call_facts SET reason_prev_day = b.reason_prev_day, reason_prev_recovered_day = b.reason_prev_recovered_day,
      reason_cycle_prev_day = b.reason_cycle_prev_day, reason_cycle_prev_recovered_day = b.reason_cycle_prev_recovered_day,
      diagnosed_prev_day = b.diagnosed_prev_day, diagnosed_prev_recovered_day = b.diagnosed_prev_recovered_day, offers_made = b.offers_made
    FROM call_facts_backfill b WHERE call_facts.rowid = b.rid;
    DROP TABLE call_facts_backfill;`);
}
