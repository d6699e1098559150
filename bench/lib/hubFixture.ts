import pg from 'pg';
import type { reasonCellsBuild } from '../../hub/store/cellsBackfill';

type ReasonCellsBuild = ReturnType<typeof reasonCellsBuild>;

/**
 * A company's hub written by PostgreSQL itself: the events of `events` departures, completed calls
 * and corrections (INSERT … SELECT generate_series), then the projections and trust owners folded
 * from them the way ingest folds them, set-based. Minutes for ten million events where ingest would
 * take an hour. The events are the ones a console would send, stored as ingest stores them: the same
 * uuid-shaped ids, canonical payload text and SHA-256 content hash, each call and its corrections sent
 * by one desk. test/hub/hub-fixture.test.ts checks at a small size that every table equals what
 * ingest makes of the same events.
 *
 * The shape: one event in five a departure, seven in ten a completed call, one in ten a correction;
 * one customer in nine has calls but no departure at the hub. A customer's dimensions (a day of
 * 2026, its month's cycle, one of 3 segments, 4 products, 8 teams, 5 stated reasons or a reason given
 * only in words) come from a hash of their number, so they spread as independently as real ones;
 * calls keep their customer's segment and product, come 1 to 20 days after the departure, one in
 * five without a team (the customer's counts), with 0, 1 or 2 diagnosed reasons.
 */

export interface FixtureShape {
  events: number;
  departures: number;
  calls: number;
  corrections: number;
  /** Customers the calls are about: those with a departure and one in nine more without. */
  customers: number;
}

export function fixtureShape(events: number): FixtureShape {
  if (!Number.isInteger(events) || events < 10) throw new Error(`a hub fixture needs a whole number of at least 10 events, not ${events}`);
  const departures = Math.floor(events * 0.2);
  const calls = Math.floor(events * 0.7);
  return { events, departures, calls, corrections: events - departures - calls, customers: departures + Math.floor(departures / 8) };
}

/** When every fixture event was received: ingest stamps a batch with the hub's clock. */
export const FIXTURE_RECEIVED_AT = '2026-12-01T08:00:00.000Z';
/** The desks: console `console-<n>`, its token named `desk-<n>`. */
export const FIXTURE_DESKS = 200;

const REASONS = `(ARRAY['price.too-expensive','competitor.better-offer','service.support-attitude','product.missing-feature','payment.failed-payment'])`;
const CATEGORIES = `(ARRAY['price','competitor','service','product','payment'])`;
const SEGMENTS = `(ARRAY['Month-to-month','One year','Two year'])`;
const PRODUCTS = `(ARRAY['Fiber optic','DSL','Mobile','TV'])`;
const OUTCOMES = `(ARRAY['recovered','declined','considering','no_answer','callback'])`;

/** A JSON value's text as JSON.stringify writes it; `null` for SQL NULL. */
const j = (value: string) => `coalesce(to_json(${value})::text, 'null')`;
/** A JSON object's text with its members in the order given (the caller gives them sorted, as canonicalJson sorts). */
const object = (members: readonly [string, string][]) => `'{' || ${members.map(([k, v]) => `'"${k}":' || ${v}`).join(` || ',' || `)} || '}'`;
/** A diagnosed reason as canonical JSON (keys categoryId, primary, reasonId). */
const diagnosis = (n: string, primary: boolean) =>
  object([
    ['categoryId', j(`${CATEGORIES}[1 + ((${n}) % 5)::int]`)],
    ['primary', `'${primary}'`],
    ['reasonId', j(`${REASONS}[1 + ((${n}) % 5)::int]`)],
  ]);
/** An event's uuid-shaped id: the kind's digit, then its number. */
const uuid = (kind: number, n: string) => `'${kind}0000000-0000-4000-8000-' || lpad((${n})::text, 12, '0')`;

/** Hash of a number (Knuth's multiplicative), so a customer's dimensions vary independently. */
const mix = (n: string) => `((${n})::bigint * 2654435761 % 4294967296)`;

/**
 * The events, with rid set to the receive order ingest would give them (departures, then calls,
 * then corrections), as statements that may run side by side; writeFixture then moves the rid
 * sequence past them so later ingests go on after.
 */
export function fixtureEventsSql(shape: FixtureShape): string[] {
  const { departures, calls, corrections, customers } = shape;
  const canonicalEnvelope = (console: string, kind: string, seq: string, payload: string) =>
    `'{"consoleId":' || to_json(${console})::text || ',"kind":"${kind}","occurredAt":"${FIXTURE_RECEIVED_AT}","payload":' || ${payload} || ',"seq":' || (${seq})::text || '}'`;
  // Customer c's facts, from its hash h, beside each event about them.
  const customerOf = (c: string) => `CROSS JOIN LATERAL (
    SELECT c, date '2026-01-01' + (h % 365)::int AS departed_on,
           ${SEGMENTS}[1 + ((h / 365) % 3)::int] AS segment, ${PRODUCTS}[1 + ((h / 1095) % 4)::int] AS product,
           'Team ' || (1 + (h / 4380) % 8) AS team, ((h / 35040) % 6)::int AS reason,
           CASE WHEN (h / 210240) % 50 = 0 THEN NULL ELSE (1000 + (h / 7) % 19000)::float8 / 100 END AS revenue
    FROM (SELECT ${c} AS c, ${mix(c)} AS h) m) cu`;
  const departed = (lo: number, hi: number) => `
SELECT i AS rid, ${uuid(1, 'i')} AS id, 'customer.departed' AS kind, 'console-' || (i % ${FIXTURE_DESKS}) AS console_id, i AS seq,
       'B-' || i AS subject,
       ${object([
         ['cycle', j(`'C' || to_char(departed_on, 'MM')`)],
         ['departedAt', j(`to_char(departed_on, 'YYYY-MM-DD')`)],
         ['externalId', j(`'B-' || i`)],
         ['frontlineTeam', j('team')],
         ['monthlyRevenue', j('revenue')],
         ['product', j('product')],
         ['segment', j('segment')],
         ['statedCategoryId', j(`CASE WHEN reason < 5 THEN ${CATEGORIES}[1 + reason] END`)],
         ['statedReasonId', j(`CASE WHEN reason < 5 THEN ${REASONS}[1 + reason] END`)],
         ['statedReasonText', j(`CASE WHEN reason = 5 THEN 'Moving abroad' WHEN i % 3 = 0 THEN 'Said: ' || ${REASONS}[1 + reason] END`)],
       ])} AS payload
FROM generate_series(${lo}, ${hi}) AS i ${customerOf('i')}`;
  // Call k is about customer 1 + k*7 mod customers (spread over the receive order); its desk sends its corrections too.
  const completed = (lo: number, hi: number) => `
SELECT ${departures} + k AS rid, ${uuid(2, 'k')} AS id, 'call.completed' AS kind, 'console-' || (k % ${FIXTURE_DESKS}) AS console_id, ${departures} + k AS seq,
       'bc-' || k AS subject,
       ${object([
         ['callId', j(`'bc-' || k`)],
         ['callerId', j(`'p-desk-' || (k % ${FIXTURE_DESKS})`)],
         ['callerName', j(`'Desk ' || (k % ${FIXTURE_DESKS})`)],
         ['callerRole', `'"agent"'`],
         ['completedAt', j(`to_char(departed_on + (1 + (k % 20))::int, 'YYYY-MM-DD') || 'T1' || (k % 8) || ':00:00.000Z'`)],
         ['cycle', j(`'C' || to_char(departed_on, 'MM')`)],
         [
           'diagnosedReasons',
           `CASE (k / 3) % 4 WHEN 0 THEN '[]' WHEN 3 THEN '[' || ${diagnosis('k + reason', false)} || ',' || ${diagnosis('k + reason + 1', true)} || ']' ELSE '[' || ${diagnosis('reason + (k / 12) % 2', true)} || ']' END`,
         ],
         ['externalId', j(`'B-' || c`)],
         ['frontlineTeam', j(`CASE WHEN k % 5 = 0 THEN NULL ELSE team END`)],
         ['monthlyRevenue', j(`CASE WHEN k % 7 = 0 THEN NULL ELSE coalesce(revenue, 25.5) END`)],
         ['offers', `'[]'`],
         ['outcome', j(`${OUTCOMES}[1 + ((k / 2) % 5)::int]`)],
         ['product', j('product')],
         ['reasonConfirmed', `'true'`],
         ['segment', j('segment')],
         ['statedReasonId', j(`CASE WHEN reason < 5 THEN ${REASONS}[1 + reason] END`)],
       ])} AS payload
FROM generate_series(${lo}, ${hi}) AS k ${customerOf(`1 + (k::bigint * 7) % ${customers}`)}`;
  // Correction q is about call t; one in four gives another diagnosis, the rest another outcome.
  const corrected = (lo: number, hi: number) => `
SELECT ${departures + calls} + q AS rid, ${uuid(3, 'q')} AS id, 'call.amended' AS kind, 'console-' || (t % ${FIXTURE_DESKS}) AS console_id, ${departures + calls} + q AS seq,
       'bc-' || t AS subject,
       CASE WHEN q % 4 = 0 THEN ${object([
         ['amendedAt', `'"2026-12-01T07:00:00.000Z"'`],
         ['amendedBy', j(`'p-desk-' || (t % ${FIXTURE_DESKS})`)],
         ['callId', j(`'bc-' || t`)],
         ['diagnosedReasons', `'[' || ${diagnosis('q', true)} || ']'`],
       ])} ELSE ${object([
         ['amendedAt', `'"2026-12-01T07:00:00.000Z"'`],
         ['amendedBy', j(`'p-desk-' || (t % ${FIXTURE_DESKS})`)],
         ['callId', j(`'bc-' || t`)],
         ['outcome', j(`${OUTCOMES}[1 + (q % 3)::int]`)],
       ])} END AS payload
FROM (SELECT q, 1 + (q::bigint * 13) % ${calls} AS t FROM generate_series(${lo}, ${hi}) AS q) a`;
  const insert = (select: string) => `
INSERT INTO events (rid, id, kind, console_id, seq, occurred_at, subject, payload, content_hash, sent_by, received_at)
SELECT rid, id, kind, console_id, seq, '${FIXTURE_RECEIVED_AT}', subject, payload,
       encode(sha256(convert_to(${canonicalEnvelope('console_id', "' || kind || '", 'seq', 'payload')}, 'UTF8')), 'hex'),
       'desk-' || substr(console_id, 9), '${FIXTURE_RECEIVED_AT}'
FROM (${select}) e`;
  // In slices of at most a million, so several connections can write them side by side.
  const slices = (count: number, select: (lo: number, hi: number) => string) => {
    const out: string[] = [];
    for (let lo = 1; lo <= count; lo += SLICE) out.push(insert(select(lo, Math.min(count, lo + SLICE - 1))));
    return out;
  };
  return [...slices(departures, departed), ...slices(calls, completed), ...slices(corrections, corrected)];
}

const SLICE = 1_000_000;

/**
 * The projections and trust owners from the events, as ingest folds them (hub/store/projections.ts,
 * trust.ts): the latest description of each customer; each call's latest completion with its
 * corrections applied in receive order (an outcome, a diagnosis whose primary is the one marked so,
 * else the first); each record owned by the desk whose event about it came first.
 */
export const FIXTURE_PROJECTIONS_SQL: readonly string[] = [
  `INSERT INTO departures (external_id, cycle, departed_at, stated_reason_text, stated_reason_id, stated_category_id, monthly_revenue, segment, product, frontline_team, event_rid)
SELECT DISTINCT ON (subject) p->>'externalId', p->>'cycle', p->>'departedAt', p->>'statedReasonText', p->>'statedReasonId', p->>'statedCategoryId',
       (p->>'monthlyRevenue')::float8, p->>'segment', p->>'product', p->>'frontlineTeam', rid
FROM (SELECT rid, subject, payload::json AS p FROM events WHERE kind = 'customer.departed') d
ORDER BY subject, rid DESC`,
  `INSERT INTO calls (call_id, external_id, cycle, completed_at, caller_role, outcome, monthly_revenue, segment, product, frontline_team, stated_reason_id, primary_reason_id, primary_category_id, amendments, event_rid)
WITH corrections AS (
  SELECT subject, count(*) AS n, max(rid) AS last_rid,
         (array_agg(p->>'outcome' ORDER BY rid DESC) FILTER (WHERE p->'outcome' IS NOT NULL))[1] AS outcome,
         (array_agg(p->>'diagnosedReasons' ORDER BY rid DESC) FILTER (WHERE p->'diagnosedReasons' IS NOT NULL))[1] AS diagnosis
  FROM (SELECT rid, subject, payload::json AS p FROM events WHERE kind = 'call.amended') a
  GROUP BY subject
)
SELECT c.p->>'callId', c.p->>'externalId', c.p->>'cycle', c.p->>'completedAt', c.p->>'callerRole', coalesce(a.outcome, c.p->>'outcome'),
       (c.p->>'monthlyRevenue')::float8, c.p->>'segment', c.p->>'product', c.p->>'frontlineTeam', c.p->>'statedReasonId',
       pr.r->>'reasonId', pr.r->>'categoryId', coalesce(a.n, 0), greatest(c.rid, coalesce(a.last_rid, 0))
FROM (SELECT DISTINCT ON (subject) rid, subject, payload::json AS p FROM events WHERE kind = 'call.completed' ORDER BY subject, rid DESC) c
LEFT JOIN corrections a ON a.subject = c.subject
LEFT JOIN LATERAL (
  SELECT r FROM json_array_elements(CASE WHEN a.diagnosis IS NOT NULL THEN a.diagnosis::json ELSE c.p->'diagnosedReasons' END) WITH ORDINALITY AS x(r, n)
  ORDER BY (r->>'primary')::boolean DESC, n LIMIT 1
) pr ON true`,
  `INSERT INTO trust_owners (family, subject, owner, console_id, owned_at)
SELECT DISTINCT ON (family, subject) family, subject, sent_by, console_id, received_at
FROM (SELECT CASE WHEN kind = 'customer.departed' THEN 'departure' ELSE 'call' END AS family, subject, sent_by, console_id, received_at, rid
      FROM events WHERE kind IN ('customer.departed', 'call.completed', 'call.amended')) e
ORDER BY family, subject, rid`,
];

/** Indexes and unique constraints of the tables the fixture fills, to drop before the load and make again after (a sort beats ten million index inserts). */
const FILLED = ['events', 'departures', 'calls', 'trust_owners'];

export interface IndexDefinition {
  table: string;
  name: string;
  /** Set for an index behind a constraint (primary key, unique): ALTER TABLE … ADD CONSTRAINT name <this>. */
  constraint: string | null;
  /** CREATE INDEX … for the others. */
  index: string;
}

export async function indexesOfFilledTables(client: pg.ClientBase): Promise<IndexDefinition[]> {
  const found = await client.query<IndexDefinition>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_constraintdef(con.oid) AS constraint, pg_get_indexdef(x.indexrelid) AS index
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = t.oid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
     ORDER BY t.relname, i.relname`,
    [FILLED],
  );
  return found.rows;
}

/** The table a finished fixture leaves behind: its size, written in the transaction that wrote everything else. */
export const FIXTURE_MARKER = 'bench_fixture';

/** The events a finished fixture in the current schema holds, or null when there is none or it was never finished. */
export async function finishedFixture(client: pg.ClientBase): Promise<number | null> {
  const marker = await client.query<{ found: string | null }>(`SELECT to_regclass('${FIXTURE_MARKER}')::text AS found`);
  if (!marker.rows[0]?.found) return null;
  const held = await client.query<{ events: string }>(`SELECT events FROM ${FIXTURE_MARKER}`);
  return held.rows[0] ? Number(held.rows[0].events) : null;
}

/** Connections that write side by side: on a shared machine each gets its own share of the cores. */
const WRITERS = 3;

/**
 * Writes the fixture into the current schema's empty hub tables (`url` lands in that schema):
 * indexes off, events, projections and owners, indexes on again, the report's cells (the
 * migrations' own statements, `cells`), and last the marker that says the fixture is whole.
 * Each step's statements run on WRITERS connections at once, each in a transaction of its own, so
 * a build that stops half way leaves no marker and is started again from an empty schema by the
 * benchmark. `log` hears each step's time.
 */
export async function writeFixture(url: string, shape: FixtureShape, cells: ReasonCellsBuild, log: (line: string) => void): Promise<void> {
  const clients = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      // Nothing reads these tables until the marker is written.
      await client.query(`SET synchronous_commit TO off; SET maintenance_work_mem TO '256MB'; SET work_mem TO '64MB'`);
      return client;
    }),
  );
  const [main] = clients;
  if (!main) throw new Error('no connection');
  const step = async (what: string, texts: readonly string[]) => {
    const started = performance.now();
    const queue = [...texts];
    await Promise.all(
      clients.map(async (client) => {
        for (let text = queue.shift(); text !== undefined; text = queue.shift()) await client.query(text);
      }),
    );
    log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  const began = performance.now();
  try {
    const indexes = await indexesOfFilledTables(main);
    for (const x of indexes) {
      await main.query(x.constraint === null ? `DROP INDEX ${x.name}` : `ALTER TABLE ${x.table} DROP CONSTRAINT ${x.name}`);
    }
    await step(`${shape.events.toLocaleString('en-US')} events`, fixtureEventsSql(shape));
    await main.query(`SELECT setval(pg_get_serial_sequence('events', 'rid'), ${shape.events})`);
    await step('projections and owners', FIXTURE_PROJECTIONS_SQL);
    await step(
      `${indexes.length} indexes`,
      indexes.map((x) => (x.constraint === null ? x.index : `ALTER TABLE ${x.table} ADD CONSTRAINT ${x.name} ${x.constraint}`)),
    );
    // The cells' statements: the emptying ones, then both sums side by side, then the monthly cells from the daily ones.
    for (const text of cells.empty) await main.query(text);
    await step('cells', cells.sums);
    await step('monthly cells', cells.rollups);
    await step('statistics', ['ANALYZE events', 'ANALYZE departures', 'ANALYZE calls', 'ANALYZE cells_stated', 'ANALYZE cells_stated_month', 'ANALYZE cells_diagnosed']);
    await main.query(`CREATE TABLE ${FIXTURE_MARKER} (events bigint NOT NULL, seconds double precision NOT NULL)`);
    await main.query(`INSERT INTO ${FIXTURE_MARKER} VALUES ($1, $2)`, [shape.events, (performance.now() - began) / 1000]);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
