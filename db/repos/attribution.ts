import type { Db } from '../open';

/**
 * "Did it work": which touch brought a customer back.
 *
 * - A touch is an outreach message sent or handed over in an export (its kind is the outreach's),
 *   or a call that reached the customer (any outcome but no answer or a wrong number); a call
 *   belongs to the latest outreach that put the customer on a call list before it, if any.
 * - A return is the customer's first call ended Recovered, or the day a returns import shows them
 *   active again (the end of that day: a touch earlier that day came first), whichever is earlier.
 * - The return goes to the customer's last touch at or before it, when the return falls within
 *   `days` calendar days of that touch (day N in, day N + 1 out). An older touch gets nothing: the
 *   last touch is the one credited, or none is.
 *
 * Worked out into temporary tables in one transaction, then counted by kind, reason and outreach.
 */

export interface AttributionCountRow {
  key: string;
  touched: number;
  returns: number;
  revenue_back: number;
}

const TOUCHES = `
INSERT INTO temp.attribution_touches (customer_id, at, kind, outreach_id)
SELECT m.customer_id, coalesce(m.sent_at, m.exported_at), o.kind, o.id
FROM outreach_members m JOIN outreaches o ON o.id = m.outreach_id
WHERE coalesce(m.sent_at, m.exported_at) IS NOT NULL
UNION ALL
SELECT k.customer_id, k.completed_at, 'call',
  (SELECT m.outreach_id FROM outreach_members m JOIN outreaches o ON o.id = m.outreach_id
   WHERE m.customer_id = k.customer_id AND m.by_call = 1 AND o.created_at <= k.completed_at
   ORDER BY o.created_at DESC, o.id DESC LIMIT 1)
FROM calls k WHERE k.outcome NOT IN ('no_answer', 'wrong_number')`;

const TOUCHED = `
INSERT INTO temp.attribution_customers (customer_id, reason_id, back_at, revenue)
SELECT c.id,
  coalesce((SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = c.id AND k.primary_reason_id IS NOT NULL
    ORDER BY k.completed_at DESC, k.id DESC LIMIT 1), c.stated_reason_id),
  nullif(min(
    coalesce((SELECT min(k.completed_at) FROM calls k WHERE k.customer_id = c.id AND k.outcome = 'recovered'), '~'),
    coalesce(c.returned_on || 'T23:59:59.999Z', '~')), '~'),
  coalesce(c.returned_revenue, c.monthly_revenue, 0)
FROM customers c WHERE c.id IN (SELECT customer_id FROM temp.attribution_touches)`;

/** Each returned customer's last touch at or before the return, kept when it is within the window. */
const ATTRIBUTED = `
INSERT INTO temp.attribution_credit (customer_id, kind, outreach_id, reason_id, revenue)
SELECT customer_id, kind, outreach_id, reason_id, revenue FROM (
  SELECT a.customer_id, t.kind, t.outreach_id, a.reason_id, a.revenue, a.back_at, t.at,
    row_number() OVER (PARTITION BY a.customer_id ORDER BY t.at DESC, t.kind = 'call' DESC, t.outreach_id DESC) AS n
  FROM temp.attribution_customers a JOIN temp.attribution_touches t ON t.customer_id = a.customer_id AND t.at <= a.back_at
  WHERE a.back_at IS NOT NULL
)
WHERE n = 1 AND julianday(substr(back_at, 1, 10)) - julianday(substr(at, 1, 10)) <= @days`;

/** Works out touches and credits into temporary tables; the count functions below read them. */
export function workOutAttribution(db: Db, days: number): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS attribution_touches (customer_id INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, outreach_id TEXT);
    CREATE INDEX IF NOT EXISTS temp.attribution_touches_customer ON attribution_touches(customer_id, at);
    CREATE TEMP TABLE IF NOT EXISTS attribution_customers (customer_id INTEGER PRIMARY KEY, reason_id TEXT, back_at TEXT, revenue REAL NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS attribution_credit (customer_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, outreach_id TEXT, reason_id TEXT, revenue REAL NOT NULL);
  `);
  db.transaction(() => {
    db.exec('DELETE FROM temp.attribution_touches; DELETE FROM temp.attribution_customers; DELETE FROM temp.attribution_credit;');
    db.prepare(TOUCHES).run();
    db.prepare(TOUCHED).run();
    db.prepare(ATTRIBUTED).run({ days });
  })();
}

function counted(db: Db, touched: string, credited: string): AttributionCountRow[] {
  return db
    .prepare(
      `WITH t AS (${touched}), c AS (${credited})
       SELECT t.key, t.touched, coalesce(c.returns, 0) AS returns, coalesce(c.revenue_back, 0) AS revenue_back
       FROM t LEFT JOIN c ON c.key = t.key
       ORDER BY revenue_back DESC, returns DESC, t.touched DESC, t.key`,
    )
    .all() as AttributionCountRow[];
}

export function attributionByKind(db: Db): AttributionCountRow[] {
  return counted(
    db,
    'SELECT kind AS key, count(DISTINCT customer_id) AS touched FROM temp.attribution_touches GROUP BY kind',
    'SELECT kind AS key, count(*) AS returns, total(revenue) AS revenue_back FROM temp.attribution_credit GROUP BY kind',
  );
}

export function attributionByOutreach(db: Db): AttributionCountRow[] {
  return counted(
    db,
    "SELECT coalesce(outreach_id, '') AS key, count(DISTINCT customer_id) AS touched FROM temp.attribution_touches GROUP BY 1",
    "SELECT coalesce(outreach_id, '') AS key, count(*) AS returns, total(revenue) AS revenue_back FROM temp.attribution_credit GROUP BY 1",
  );
}

export function attributionByReason(db: Db): AttributionCountRow[] {
  return counted(
    db,
    "SELECT coalesce(reason_id, '') AS key, count(*) AS touched FROM temp.attribution_customers GROUP BY 1",
    "SELECT coalesce(reason_id, '') AS key, count(*) AS returns, total(revenue) AS revenue_back FROM temp.attribution_credit GROUP BY 1",
  );
}

export function attributionTotals(db: Db): { touched: number; returns: number; revenue_back: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM temp.attribution_customers) AS touched,
         (SELECT count(*) FROM temp.attribution_credit) AS returns,
         (SELECT total(revenue) FROM temp.attribution_credit) AS revenue_back`,
    )
    .get() as { touched: number; returns: number; revenue_back: number };
}

/** Everything the "Did it work" report counts, worked out for a window of `days`. */
export interface AttributionCounts {
  totals: { touched: number; returns: number; revenue_back: number };
  byKind: AttributionCountRow[];
  byReason: AttributionCountRow[];
  byOutreach: AttributionCountRow[];
}

export function attributionCounts(db: Db, days: number): AttributionCounts {
  workOutAttribution(db, days);
  return { totals: attributionTotals(db), byKind: attributionByKind(db), byReason: attributionByReason(db), byOutreach: attributionByOutreach(db) };
}
