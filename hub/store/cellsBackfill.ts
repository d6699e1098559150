import { sql, type Kysely } from 'kysely';
import { SCOPE, TOTALS_BIT_OFFSET } from './cells';
import { PENDING_TABLES } from './cellsFold';

/**
 * Builds the cells again from the projections, so a store migrated with departures and calls in it
 * starts exact: two statements, each one INSERT … SELECT … GROUP BY that the store runs over every
 * departure and call without handing a row to this process, so a store of millions of calls
 * migrates in the time PostgreSQL or SQLite takes to read it once or twice.
 *
 * They sum what ingest adds customer by customer (cells.ts, CellChanges) and must give the same
 * cells, key text included (test/hub/reasons-cells.test.ts compares them with the cells ingest
 * kept). The diagnosed side is the hard part: for each call and each of the 48 scopes, is this call
 * the first (by call id) of its customer's calls that agree with it on the scope's dimensions, and
 * with what revenue and recovery does it carry the customer there. Expanding every call into 48
 * scopes would be 48 rows a call; instead each pair of one customer's calls gives, by a lookup on
 * the dimensions they agree on, the scopes in which the other call shares this one's group, as a
 * mask of bits (`COVER`), and the masks are or-ed per call. A customer with one call has no pairs.
 */

type Dialect = 'sqlite' | 'postgres';


const ROW_SCOPES = 32;
const TOTAL_SCOPES = 16;
/** Every scope bit (cells.ts scopeBit): rows' 0 to 31, totals' 32 to 47. */
const ALL_SCOPES = 2 ** (TOTALS_BIT_OFFSET + TOTAL_SCOPES) - 1;

/**
 * For two calls that agree on the SCOPE dimensions `agree` (and on the reason when `same` is 1):
 * the scope bits in whose group each finds the other. A row scope needs the same reason and every
 * dimension it holds fixed; a totals scope (no month) only the dimensions.
 */
function coverTable(): { agree: number; same: number; bits: number }[] {
  const out: { agree: number; same: number; bits: number }[] = [];
  for (let agree = 0; agree < ROW_SCOPES; agree += 1) {
    for (const same of [0, 1]) {
      let bits = 0;
      for (let scope = 0; scope < ROW_SCOPES; scope += 1) if (same === 1 && (agree & scope) === scope) bits += 2 ** scope;
      for (let scope = 0; scope < TOTAL_SCOPES; scope += 1) if ((agree & scope) === scope) bits += 2 ** (TOTALS_BIT_OFFSET + scope);
      out.push({ agree, same, bits });
    }
  }
  return out;
}

/** Or of a column of masks: PostgreSQL has bit_or; SQLite has no such aggregate, so each bit is taken with max. */
function bitOr(dialect: Dialect, mask: string): string {
  if (dialect === 'postgres') return `coalesce(bit_or(${mask}), 0)`;
  const bits = Array.from({ length: TOTALS_BIT_OFFSET + TOTAL_SCOPES }, (_, b) => `(coalesce(max(((${mask}) >> ${b}) & 1), 0) << ${b})`);
  return `(${bits.join(' | ')})`;
}

/** The cell's key as cells.ts writes it: JSON.stringify of the key's values, nulls as null, no spaces. */
function cellKey(dialect: Dialect, columns: readonly string[], numeric: readonly string[] = []): string {
  if (dialect === 'sqlite') return `json_array(${columns.join(', ')})`;
  const parts = columns.map((c) => (numeric.includes(c) ? `(${c})::text` : `coalesce(to_json(${c})::text, 'null')`));
  return `'[' || ${parts.join(` || ',' || `)} || ']'`;
}

/** Money in millionths, as cells.ts micros (Math.round: half up; money is never negative). */
function micros(dialect: Dialect, money: string): string {
  return dialect === 'postgres' ? `floor(coalesce(${money}, 0) * 1000000 + 0.5)::bigint` : `cast(coalesce(${money}, 0) * 1000000 + 0.5 as integer)`;
}

function statedSql(dialect: Dialect): string {
  const key = cellKey(dialect, ['side', 'cycle', 'day', 'segment', 'product', 'team', 'reason_id', 'category_id', 'reason_text']);
  return `
INSERT INTO cells_stated (cell, side, cycle, day, segment, product, team, reason_id, category_id, reason_text, departed, revenue, calls, recovered, recovered_revenue)
SELECT ${key}, side, cycle, day, segment, product, team, reason_id, category_id, reason_text,
       sum(departed), sum(revenue), sum(calls), sum(recovered), sum(recovered_revenue)
FROM (
  SELECT 'd' AS side, cycle, substr(departed_at, 1, 10) AS day, segment, product, frontline_team AS team,
         stated_reason_id AS reason_id, stated_category_id AS category_id,
         CASE WHEN stated_reason_id IS NULL THEN stated_reason_text END AS reason_text,
         1 AS departed, ${micros(dialect, 'monthly_revenue')} AS revenue, 0 AS calls, 0 AS recovered, 0 AS recovered_revenue
  FROM departures
  UNION ALL
  -- A call counts under its customer's stated reason once the departure is here, else its own.
  SELECT 'c', c.cycle, substr(c.completed_at, 1, 10), c.segment, c.product, coalesce(c.frontline_team, d.frontline_team),
         CASE WHEN d.external_id IS NULL THEN c.stated_reason_id ELSE d.stated_reason_id END,
         CASE WHEN d.external_id IS NULL THEN NULL ELSE d.stated_category_id END,
         CASE WHEN d.external_id IS NOT NULL AND d.stated_reason_id IS NULL THEN d.stated_reason_text END,
         0, 0, 1, CASE WHEN c.outcome = 'recovered' THEN 1 ELSE 0 END,
         CASE WHEN c.outcome = 'recovered' THEN ${micros(dialect, 'coalesce(c.monthly_revenue, d.monthly_revenue)')} ELSE 0 END
  FROM calls c LEFT JOIN departures d ON d.external_id = c.external_id
) facts
GROUP BY side, cycle, day, segment, product, team, reason_id, category_id, reason_text`;
}

function diagnosedSql(dialect: Dialect): string {
  const same = (column: string) => (dialect === 'postgres' ? `j.${column} IS NOT DISTINCT FROM i.${column}` : `j.${column} IS i.${column}`);
  // The order cells.ts sorts call ids in (JavaScript's <): bytes, not the server's collation.
  const before = dialect === 'postgres' ? 'i.id COLLATE "C" < j.id COLLATE "C"' : 'i.id < j.id';
  const agree = [
    `CASE WHEN ${same('cycle')} THEN ${SCOPE.cycle} ELSE 0 END`,
    `CASE WHEN ${same('segment')} THEN ${SCOPE.segment} ELSE 0 END`,
    `CASE WHEN ${same('product')} THEN ${SCOPE.product} ELSE 0 END`,
    `CASE WHEN ${same('team')} THEN ${SCOPE.team} ELSE 0 END`,
    `CASE WHEN ${same('month')} THEN ${SCOPE.month} ELSE 0 END`,
  ].join(' + ');
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  const cover = coverTable()
    .map((c) => `(${c.agree}, ${c.same}, cast(${c.bits} as ${bigint}))`)
    .join(', ');
  const all = `cast(${ALL_SCOPES} as ${bigint})`;
  const key = cellKey(dialect, ['firsts', 'cycle', 'month', 'segment', 'product', 'team', 'reason_id', 'category_id'], ['firsts']);
  return `
INSERT INTO cells_diagnosed (cell, cycle, month, segment, product, team, reason_id, category_id, firsts, customers, revenue, calls, recovered, recovered_revenue)
WITH cover (agree, same, bits) AS (VALUES ${cover}),
-- Each diagnosed call with what its customer's cells need: the departure's team and revenue first.
cf AS (
  SELECT c.call_id AS id, c.external_id AS customer, c.cycle, substr(c.completed_at, 1, 7) AS month, c.segment, c.product,
         coalesce(c.frontline_team, d.frontline_team) AS team, c.primary_reason_id AS reason_id, c.primary_category_id AS category_id,
         ${micros(dialect, 'coalesce(d.monthly_revenue, c.monthly_revenue)')} AS rev,
         CASE WHEN c.outcome = 'recovered' THEN 1 ELSE 0 END AS rec
  FROM calls c LEFT JOIN departures d ON d.external_id = c.external_id
  WHERE c.primary_reason_id IS NOT NULL
),
-- Call j and another call i of its customer, with the scopes where i is in j's group. Only the
-- pairs that matter: i before j (j is then not first there), i recovered, or i worth more.
pairs AS (
  SELECT j.id, j.rev AS jrev, i.rev, i.rec, CASE WHEN ${before} THEN 1 ELSE 0 END AS earlier, cover.bits
  FROM cf j
  JOIN cf i ON i.customer = j.customer AND i.id <> j.id
  JOIN cover ON cover.agree = (${agree}) AND cover.same = CASE WHEN j.reason_id = i.reason_id THEN 1 ELSE 0 END
  WHERE ${before} OR i.rec = 1 OR i.rev > j.rev
),
per AS (
  SELECT id,
         ${bitOr(dialect, 'CASE WHEN earlier = 1 THEN bits ELSE 0 END')} AS later,
         ${bitOr(dialect, 'CASE WHEN rec = 1 THEN bits ELSE 0 END')} AS recm,
         ${bitOr(dialect, 'CASE WHEN rev > jrev THEN bits ELSE 0 END')} AS above
  FROM pairs GROUP BY id
),
-- A group's revenue is its highest: where another call worth v is in j's group and none worth more, j carries v.
levels AS (
  SELECT l.id, l.v,
         ${bitOr(dialect, 'CASE WHEN p.rev > l.v THEN p.bits ELSE 0 END')} AS higher,
         ${bitOr(dialect, 'p.bits')} AS reached
  FROM (SELECT DISTINCT id, rev AS v FROM pairs WHERE rev > jrev) l
  JOIN pairs p ON p.id = l.id AND p.rev >= l.v
  GROUP BY l.id, l.v
),
carried AS (
  SELECT cf.id, cf.rev, cf.rec AS jrec, ${all} & ~coalesce(per.above, 0) AS scopes, coalesce(per.later, 0) AS later, coalesce(per.recm, 0) AS recm
  FROM cf LEFT JOIN per ON per.id = cf.id
  UNION ALL
  SELECT l.id, l.v, cf.rec, l.reached & ~l.higher, per.later, per.recm
  FROM levels l JOIN cf ON cf.id = l.id JOIN per ON per.id = l.id
),
-- Where j is first, split by whether its group recovered the customer.
carriers AS (
  SELECT id, rev, 1 AS rec, scopes & ~later & (CASE WHEN jrec = 1 THEN ${all} ELSE recm END) AS firsts FROM carried
  UNION ALL
  SELECT id, rev, 0, scopes & ~later & ~recm FROM carried WHERE jrec = 0
)
SELECT ${key}, cycle, month, segment, product, team, reason_id, category_id, firsts,
       sum(customers), sum(revenue), sum(calls), sum(recovered), sum(recovered_revenue)
FROM (
  SELECT cf.cycle, cf.month, cf.segment, cf.product, cf.team, cf.reason_id, cf.category_id, f.firsts,
         1 AS customers, f.rev AS revenue, 0 AS calls, 0 AS recovered, CASE WHEN f.rec = 1 THEN f.rev ELSE 0 END AS recovered_revenue
  FROM carriers f JOIN cf ON cf.id = f.id
  WHERE f.firsts <> 0
  UNION ALL
  SELECT cycle, month, segment, product, team, reason_id, category_id, 0, 0, 0, 1, rec, 0 FROM cf
) facts
GROUP BY firsts, cycle, month, segment, product, team, reason_id, category_id`;
}

/**
 * The monthly stated cells summed from the daily ones (a few hundred thousand rows at most, where
 * the daily cells were summed from millions of departures and calls): the key as cells.ts
 * monthsOf writes it, and only cells with something in them, as a build from the projections
 * leaves them.
 */
function statedMonthsSql(dialect: Dialect): string {
  const key = cellKey(dialect, ['side', 'cycle', 'month', 'segment', 'product', 'team', 'reason_id', 'category_id', 'reason_text']);
  return `
INSERT INTO cells_stated_month (cell, side, cycle, month, segment, product, team, reason_id, category_id, reason_text, departed, revenue, calls, recovered, recovered_revenue)
SELECT ${key}, side, cycle, month, segment, product, team, reason_id, category_id, reason_text,
       sum(departed), sum(revenue), sum(calls), sum(recovered), sum(recovered_revenue)
FROM (SELECT side, cycle, substr(day, 1, 7) AS month, segment, product, team, reason_id, category_id, reason_text,
             departed, revenue, calls, recovered, recovered_revenue FROM cells_stated) days
GROUP BY side, cycle, month, segment, product, team, reason_id, category_id, reason_text
HAVING sum(departed) <> 0 OR sum(revenue) <> 0 OR sum(calls) <> 0 OR sum(recovered) <> 0 OR sum(recovered_revenue) <> 0`;
}

async function run<DB>(db: Kysely<DB>, texts: readonly string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const text of texts) {
    const result = await sql.raw<unknown>(text).execute(db);
    counts.push(Number(result.numAffectedRows ?? 0));
  }
  return counts;
}

/**
 * The daily stated and the diagnosed cells, emptied and summed again from the departures and
 * calls: what the first cells migration builds (cells_001, before the monthly cells existed).
 */
export async function rebuildDailyAndDiagnosedCells<DB>(db: Kysely<DB>, dialect: Dialect): Promise<{ statedCells: number; diagnosedCells: number }> {
  await run(db, ['DELETE FROM cells_stated', 'DELETE FROM cells_diagnosed']);
  const [statedCells = 0, diagnosedCells = 0] = await run(db, reasonCellsBuild(dialect).sums);
  return { statedCells, diagnosedCells };
}

/** The monthly stated cells, emptied and summed again from the daily ones (cells_002). */
export async function rebuildStatedMonthCells<DB>(db: Kysely<DB>, dialect: Dialect): Promise<number> {
  const [, months = 0] = await run(db, ['DELETE FROM cells_stated_month', statedMonthsSql(dialect)]);
  return months;
}

/**
 * Empties every cell and sums them again from the departures and calls. Run inside the caller's
 * transaction, so ingest never sees the cells half built.
 */
export async function rebuildReasonCells<DB>(db: Kysely<DB>, dialect: Dialect): Promise<{ statedCells: number; statedMonthCells: number; diagnosedCells: number }> {
  // The projections hold every change the pending rows would add (cellsFold.ts).
  await run(db, PENDING_TABLES.map(([pending]) => `DELETE FROM ${pending}`));
  const built = await rebuildDailyAndDiagnosedCells(db, dialect);
  return { ...built, statedMonthCells: await rebuildStatedMonthCells(db, dialect) };
}

/**
 * The statements that build the cells, for a caller with connections of its own
 * (bench/lib/hubFixture.ts): `empty` first, then `sums` (which may run side by side), then
 * `rollups` (which read what `sums` wrote).
 */
export function reasonCellsBuild(dialect: Dialect): { empty: string[]; sums: string[]; rollups: string[] } {
  return {
    empty: ['DELETE FROM cells_stated', 'DELETE FROM cells_diagnosed', 'DELETE FROM cells_stated_month', ...PENDING_TABLES.map(([pending]) => `DELETE FROM ${pending}`)],
    sums: [statedSql(dialect), diagnosedSql(dialect)],
    rollups: [statedMonthsSql(dialect)],
  };
}
