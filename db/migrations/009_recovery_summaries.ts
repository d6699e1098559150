import type { Migration } from './types';
import { backfillRecoverySummaries } from './009_recovery_summaries_backfill';

/**
 * Summaries for the rest of the Trends view, kept exact by triggers in the same transaction as every
 * write, as migration 7 does for the reasons report (docs/reports.md, "Speed").
 *
 * - `recovery_cells`: the recovery report summed per segment, product and frontline team, overall and
 *   per cycle (the call's, else the customer's): calls, recoveries and the monthly revenue of the
 *   customers won back, each customer once per row. Rows are per caller, executives against the
 *   recovery team, offer made, and all calls. Diagnosed reasons come from migration 7's diagnosed
 *   cells; calls without a diagnosis are all calls less the diagnosed ones, and the revenue of the
 *   few of them that recovered a customer is read through a partial index of its own. (The call
 *   screen writes a call before its reasons: a row of their own would be added and taken away again
 *   on every recovery.)
 * - `offer_cells`: the offer effectiveness matrix summed: offers made, accepted, and made on calls that
 *   won the customer back, per diagnosed reason and offer.
 * - `agreement_cells`: diagnosed calls per stated and diagnosed reason (stated versus diagnosed).
 * - Chains on `call_facts`: per call, the day of the customer's previous call in the same row of the
 *   diagnosed report (same primary reason; same reason and cycle; any reason), and of the previous
 *   such call that recovered them. A call whose previous one falls before the first day of a range is
 *   the customer's first in that range, so a report over any days counts each customer once per row
 *   by adding calls up, without grouping them by customer.
 * - `call_facts.offers_made`: the offers made on the call, with their answers (a JSON array of
 *   [offer, answer] by offer), so a report over calls reads them with the call, without a lookup.
 *
 * Cell keys start with the period: a report reads one period's cells. The recovery cells then go by
 * segment, product and team, so the cells one call touches in a period sit next to each other and
 * completing a call dirties a page per period rather than one per cell; the offer and agreement
 * cells (one per call and period) go by what their report sums them by, so it reads them in order.
 *
 * A customer's revenue counts once per row of the recovery report: a recovered call brings it into a
 * cell only if no other recovered call of the customer already sits there with the same revenue.
 * Comparing the cell and the revenue too keeps this exact while an import rewrites a customer's calls
 * one row at a time (the last call to leave the old cell takes the revenue out, the first to arrive
 * in the new one brings it in).
 */

const MADE = "answer <> 'not_offered'";
const PERIOD_KINDS = "(SELECT 'all' AS period_kind UNION ALL SELECT 'cycle')";
const groupOf = (row: string) => `CASE WHEN ${row}.caller_role = 'executive' THEN 'executive' ELSE 'team' END`;

/**
 * The keyed rows of one call_facts row (named by `row`: `new`, `old`, or an alias in `from`): its
 * cell coordinates, the period (pk.period_kind over PERIOD_KINDS in `from`) and the other key
 * columns given, with what the sums need: won_before says whether the customer has another
 * recovered call at all (once per statement for a trigger's row; mostly not, and then no cell needs
 * looking at). A table named k.
 */
function keyed(row: string, from: string, where: string, columns: Record<string, string>): string {
  const extra = Object.entries(columns).map(([name, expr]) => `${expr} AS ${name}`);
  return `(SELECT ${row}.call_id AS call_id, ${row}.customer_id AS customer_id, ${row}.outcome AS outcome,
      ${row}.revenue_micros AS revenue_micros, coalesce(${row}.segment, '') AS segment, coalesce(${row}.product, '') AS product,
      coalesce(${row}.team, '') AS team, pk.period_kind AS period_kind,
      iif(pk.period_kind = 'all', '', coalesce(${row}.cycle_id, '')) AS period,
      EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = ${row}.customer_id AND g.call_id <> ${row}.call_id
        AND g.outcome = 'recovered') AS won_before, ${extra.join(', ')}
    FROM ${from} WHERE ${where}) k`;
}

/** Which recovery rows: a row source for `keyed` giving dim and key. */
interface RecoveryKeys {
  row: string;
  from: string;
  where: string;
  dim: string;
  key: string;
}

/** A call's own rows: all calls, its caller, and executives or the recovery team. */
const callKeys = (row: string): RecoveryKeys => ({
  row,
  from: `${PERIOD_KINDS} pk, (SELECT 'all' AS dim UNION ALL SELECT 'caller' UNION ALL SELECT 'group') dn`,
  where: '1',
  dim: 'dn.dim',
  key: `CASE dn.dim WHEN 'caller' THEN ${row}.caller_id WHEN 'group' THEN ${groupOf(row)} ELSE '' END`,
});
/** A call's rows for the offers made on it. */
const callOfferKeys = (row: string): RecoveryKeys => ({
  row,
  from: `${PERIOD_KINDS} pk, call_offers o`,
  where: `o.call_id = ${row}.call_id AND o.${MADE}`,
  dim: "'offer'",
  key: 'o.offer_id',
});
/** The rows of one offer (`offer`: new or old of call_offers), with its call's facts. */
const offerKeys = (offer: string): RecoveryKeys => ({
  row: 'r',
  from: `call_facts r, ${PERIOD_KINDS} pk`,
  where: `r.call_id = ${offer}.call_id AND ${offer}.${MADE}`,
  dim: "'offer'",
  key: `${offer}.offer_id`,
});

/** Whether another recovered call of k's customer already brings their revenue into k's cell. */
const OTHER_RECOVERED = `EXISTS (SELECT 1 FROM call_facts g
    WHERE g.customer_id = k.customer_id AND g.call_id <> k.call_id AND g.outcome = 'recovered' AND g.revenue_micros = k.revenue_micros
      AND coalesce(g.segment, '') = k.segment AND coalesce(g.product, '') = k.product AND coalesce(g.team, '') = k.team
      AND (k.period_kind = 'all' OR coalesce(g.cycle_id, '') = k.period)
      AND CASE k.dim WHEN 'all' THEN 1 WHEN 'caller' THEN g.caller_id = k.key WHEN 'group' THEN ${groupOf('g')} = k.key
        ELSE EXISTS (SELECT 1 FROM call_offers go WHERE go.call_id = g.call_id AND go.offer_id = k.key AND go.${MADE}) END)`;
const OWN_REVENUE = `iif(k.outcome = 'recovered' AND NOT (k.won_before AND ${OTHER_RECOVERED}), k.revenue_micros, 0)`;
const RECOVERY_KEY = 'period_kind, period, segment, product, team, dim, key';
const matches = (cell: string, columns: string) =>
  columns
    .split(', ')
    .map((c) => `${cell}.${c} = k.${c}`)
    .join(' AND ');

function addRecovery(s: RecoveryKeys): string {
  return `
  INSERT INTO recovery_cells (${RECOVERY_KEY}, calls, recovered, recovered_revenue_micros)
    SELECT ${RECOVERY_KEY}, 1, outcome = 'recovered', ${OWN_REVENUE} FROM ${keyed(s.row, s.from, s.where, { dim: s.dim, key: s.key })} WHERE 1
    ON CONFLICT DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;`;
}

function removeRecovery(s: RecoveryKeys): string {
  const k = keyed(s.row, s.from, s.where, { dim: s.dim, key: s.key });
  return `
  UPDATE recovery_cells AS c SET calls = c.calls - 1, recovered = c.recovered - (k.outcome = 'recovered'),
      recovered_revenue_micros = c.recovered_revenue_micros - ${OWN_REVENUE}
    FROM ${k} WHERE ${matches('c', RECOVERY_KEY)};
  DELETE FROM recovery_cells WHERE calls = 0 AND (${RECOVERY_KEY}) IN (SELECT ${RECOVERY_KEY} FROM ${k});`;
}

/** Matrix rows: a call's made offers, or one offer with its call. */
const OFFER_KEY = 'period_kind, period, segment, product, team, reason_id, offer_id';
interface OfferKeys {
  row: string;
  from: string;
  where: string;
  offer: string;
}
const callOffers = (row: string): OfferKeys => ({ row, from: `${PERIOD_KINDS} pk, call_offers o`, where: `o.call_id = ${row}.call_id AND o.${MADE}`, offer: 'o' });
const oneOffer = (offer: string): OfferKeys => ({
  row: 'r',
  from: `call_facts r, ${PERIOD_KINDS} pk`,
  where: `r.call_id = ${offer}.call_id AND ${offer}.${MADE}`,
  offer,
});
const offerKeyed = (s: OfferKeys) =>
  keyed(s.row, s.from, s.where, {
    reason_id: `coalesce(${s.row}.reason_id, '')`,
    offer_id: `${s.offer}.offer_id`,
    accepted: `${s.offer}.answer = 'accepted'`,
  });

function addOffers(s: OfferKeys): string {
  return `
  INSERT INTO offer_cells (${OFFER_KEY}, offered, accepted, recovered)
    SELECT ${OFFER_KEY}, 1, accepted, outcome = 'recovered' FROM ${offerKeyed(s)} WHERE 1
    ON CONFLICT DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;`;
}

function removeOffers(s: OfferKeys): string {
  const k = offerKeyed(s);
  return `
  UPDATE offer_cells AS c SET offered = c.offered - 1, accepted = c.accepted - k.accepted, recovered = c.recovered - (k.outcome = 'recovered')
    FROM ${k} WHERE ${matches('c', OFFER_KEY)};
  DELETE FROM offer_cells WHERE offered = 0 AND (${OFFER_KEY}) IN (SELECT ${OFFER_KEY} FROM ${k});`;
}

/** A diagnosed call in the stated-versus-diagnosed cells. */
const AGREEMENT_KEY = 'period_kind, period, segment, product, team, stated_reason_id, reason_id';
const agreementKeyed = (row: string) =>
  keyed(row, `${PERIOD_KINDS} pk`, `${row}.reason_id IS NOT NULL`, {
    stated_reason_id: `coalesce(${row}.stated_reason_id, '')`,
    reason_id: `${row}.reason_id`,
  });
const addAgreement = (row: string) => `
  INSERT INTO agreement_cells (${AGREEMENT_KEY}, calls) SELECT ${AGREEMENT_KEY}, 1 FROM ${agreementKeyed(row)} WHERE 1
    ON CONFLICT DO UPDATE SET calls = calls + 1;`;
const removeAgreement = (row: string) => `
  UPDATE agreement_cells AS c SET calls = c.calls - 1 FROM ${agreementKeyed(row)} WHERE ${matches('c', AGREEMENT_KEY)};
  DELETE FROM agreement_cells WHERE calls = 0 AND (${AGREEMENT_KEY}) IN (SELECT ${AGREEMENT_KEY} FROM ${agreementKeyed(row)});`;

/** The offers made on a call as call_facts.offers_made holds them: [[offer, answer], ...] by offer, or NULL. */
const offersMadeOf = (callId: string) => `(SELECT json_group_array(json_array(offer_id, answer) ORDER BY offer_id)
    FROM call_offers WHERE call_id = ${callId} AND ${MADE} HAVING count(*) > 0)`;
const setOffersMade = (callId: string) => `
  UPDATE call_facts SET offers_made = ${offersMadeOf(callId)} WHERE call_id = ${callId} AND offers_made IS NOT ${offersMadeOf(callId)};`;

/** A call's offers, when it has any made (the call screen writes them after the call: usually none yet). */
const hasOffers = (row: string) => `EXISTS (SELECT 1 FROM call_offers o WHERE o.call_id = ${row}.call_id AND o.${MADE})`;

/**
 * The chain columns of a diagnosed call: the day of the customer's previous diagnosed call (ordered by
 * day, then id) with the same primary reason, with the same reason and cycle, and with any reason;
 * and of the previous such call that recovered. NULL for the first, and for calls without a diagnosis.
 */
export const CHAIN_COLUMNS = [
  'reason_prev_day',
  'reason_prev_recovered_day',
  'reason_cycle_prev_day',
  'reason_cycle_prev_recovered_day',
  'diagnosed_prev_day',
  'diagnosed_prev_recovered_day',
] as const;

const BEFORE = 'ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
const RECOVERED_DAY = "iif(outcome = 'recovered', day, NULL)";
/** The chains of the diagnosed call_facts rows `where` selects, with call_id (`partition`: what groups them before the reason). */
const chainsOf = (where: string, partition: string) => `
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(${RECOVERED_DAY}) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(${RECOVERED_DAY}) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(${RECOVERED_DAY}) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL ${where}
    WINDOW by_reason AS (PARTITION BY ${partition}reason_id ${BEFORE}),
      by_reason_cycle AS (PARTITION BY ${partition}reason_id, cycle_id ${BEFORE}),
      diagnosed AS (${partition ? `PARTITION BY ${partition.replace(/, $/, '')} ` : ''}${BEFORE})`;

const CHAINS_DIFFER = CHAIN_COLUMNS.map((c) => `f.${c} IS NOT w.${c}`).join(' OR ');
/** Brings the chains of one customer's diagnosed calls up to date, writing only the calls whose chains changed. */
const setChains = (customer: string) => `
  UPDATE call_facts AS f SET ${CHAIN_COLUMNS.map((c) => `${c} = w.${c}`).join(', ')}
    FROM (${chainsOf(`AND customer_id = ${customer}`, '')}) w
    WHERE f.call_id = w.call_id AND (${CHAINS_DIFFER});`;
/** A call without a diagnosis has no chains (setChains only writes diagnosed calls). */
const clearOwnChains = `
  UPDATE call_facts SET ${CHAIN_COLUMNS.map((c) => `${c} = NULL`).join(', ')}
    WHERE call_id = new.call_id AND new.reason_id IS NULL AND coalesce(${CHAIN_COLUMNS.join(', ')}) IS NOT NULL;`;
/**
 * Whether the customer has a diagnosed call besides this one. Without one, every chain of theirs is
 * NULL before and after a change to this call, so there is nothing to bring up to date.
 */
const otherDiagnosed = (row: string) =>
  `EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = ${row}.customer_id AND g.call_id <> ${row}.call_id AND g.reason_id IS NOT NULL)`;

/** Every call once overall and once in its cycle, with its cell coordinates. */
const FACT_PERIODS = `
      SELECT pk.period_kind, iif(pk.period_kind = 'all', '', coalesce(f.cycle_id, '')) AS period, coalesce(f.segment, '') AS segment,
        coalesce(f.product, '') AS product, coalesce(f.team, '') AS team, f.call_id, f.customer_id, f.caller_id, f.caller_role,
        f.outcome, f.reason_id, f.revenue_micros, f.stated_reason_id
      FROM call_facts f, ${PERIOD_KINDS} pk`;
const CELL = 'period_kind, period, segment, product, team';

/**
 * Every summary row of this migration derived from scratch: what the backfill writes (in one pass,
 * 009_recovery_summaries_backfill.ts) and what tests compare it and the triggers' work with.
 */
export const RECOVERY_SUMMARY_DERIVATIONS = {
  recovery_cells: `
    WITH facts AS (${FACT_PERIODS}),
    keyed AS (
      SELECT ${CELL}, 'all' AS dim, '' AS key, customer_id, revenue_micros, outcome FROM facts
      UNION ALL SELECT ${CELL}, 'caller', caller_id, customer_id, revenue_micros, outcome FROM facts
      UNION ALL SELECT ${CELL}, 'group', ${groupOf('facts')}, customer_id, revenue_micros, outcome FROM facts
      UNION ALL SELECT facts.period_kind, facts.period, facts.segment, facts.product, facts.team, 'offer', o.offer_id, customer_id,
          revenue_micros, outcome
        FROM facts JOIN call_offers o ON o.call_id = facts.call_id AND o.${MADE}
    )
    SELECT ${CELL}, dim, key, sum(calls) AS calls, sum(recovered) AS recovered,
      sum(iif(recovered > 0, revenue_micros, 0)) AS recovered_revenue_micros
    FROM (
      SELECT ${CELL}, dim, key, customer_id, revenue_micros, count(*) AS calls, sum(outcome = 'recovered') AS recovered
      FROM keyed GROUP BY ${CELL}, dim, key, customer_id, revenue_micros
    )
    GROUP BY ${CELL}, dim, key`,
  offer_cells: `
    SELECT f.period_kind, f.period, f.segment, f.product, f.team, coalesce(f.reason_id, '') AS reason_id, o.offer_id, count(*) AS offered,
      sum(o.answer = 'accepted') AS accepted, sum(f.outcome = 'recovered') AS recovered
    FROM (${FACT_PERIODS}) f JOIN call_offers o ON o.call_id = f.call_id AND o.${MADE}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  agreement_cells: `
    SELECT ${CELL}, coalesce(stated_reason_id, '') AS stated_reason_id, reason_id, count(*) AS calls
    FROM (${FACT_PERIODS}) WHERE reason_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  /** call_id and the offers made on every call. */
  call_offers_made: `SELECT call_id, ${offersMadeOf('call_facts.call_id')} AS offers_made FROM call_facts`,
  /** call_id and the chain columns of every call. */
  call_chains: `${chainsOf('', 'customer_id, ')}
    UNION ALL SELECT call_id, ${CHAIN_COLUMNS.map(() => 'NULL').join(', ')} FROM call_facts WHERE reason_id IS NULL`,
} as const;

/** The cell tables of this migration, in the order they are derived. */
export const RECOVERY_SUMMARY_TABLES = ['recovery_cells', 'offer_cells', 'agreement_cells'] as const;

const TABLES = `
-- Keys: the period ('' overall) first (see above); a blank segment, product or frontline team is ''.
-- A count reaches 0 only for the moment between the update that empties a cell and its removal.
CREATE TABLE recovery_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- all: every call; caller: a person's calls; group: 'executive' or 'team'; offer: the calls it was made on.
  dim TEXT NOT NULL CHECK (dim IN ('all', 'caller', 'group', 'offer')),
  key TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls >= 0),
  recovered INTEGER NOT NULL,
  recovered_revenue_micros INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, segment, product, team, dim, key)
) WITHOUT ROWID, STRICT;

CREATE TABLE offer_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- The call's primary diagnosed reason; '' for calls without one.
  reason_id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  offered INTEGER NOT NULL CHECK (offered >= 0),
  accepted INTEGER NOT NULL,
  recovered INTEGER NOT NULL,
  PRIMARY KEY (period_kind, period, reason_id, offer_id, segment, product, team)
) WITHOUT ROWID, STRICT;

CREATE TABLE agreement_cells (
  period_kind TEXT NOT NULL CHECK (period_kind IN ('all', 'cycle')),
  period TEXT NOT NULL,
  segment TEXT NOT NULL,
  product TEXT NOT NULL,
  team TEXT NOT NULL,
  -- The customer's stated reason ('' when none maps to the taxonomy) and the call's primary diagnosed one.
  stated_reason_id TEXT NOT NULL,
  reason_id TEXT NOT NULL,
  calls INTEGER NOT NULL CHECK (calls >= 0),
  PRIMARY KEY (period_kind, period, stated_reason_id, reason_id, segment, product, team)
) WITHOUT ROWID, STRICT;

${CHAIN_COLUMNS.map((c) => `ALTER TABLE call_facts ADD COLUMN ${c} TEXT;`).join('\n')}
ALTER TABLE call_facts ADD COLUMN offers_made TEXT;
`;

// After the backfill. A range of days reads each reason's calls in day order with their chains, or
// every call of those days in one pass; one person's calls are read customer by customer (each
// customer's calls together, nothing to sort). Each holds what those reports read, so none of them
// looks a call up.
const INDEXES = `
-- Recovered calls without a diagnosis: few, read for their customers' revenue.
CREATE INDEX call_facts_recovered_undiagnosed ON call_facts(cycle_id, segment, product, team, customer_id, revenue_micros)
  WHERE reason_id IS NULL AND outcome = 'recovered';
CREATE INDEX call_facts_reason_day ON call_facts(reason_id, day, cycle_id, outcome, revenue_micros, ${CHAIN_COLUMNS.join(', ')},
  segment, product, team) WHERE reason_id IS NOT NULL;
DROP INDEX call_facts_caller;
-- Each a prefix of another index on the same table: one page less to write for every call.
DROP INDEX calls_customer;
DROP INDEX call_offers_offer;
CREATE INDEX call_facts_caller ON call_facts(caller_id, customer_id, reason_id, month, cycle_id, day, outcome, revenue_micros,
  caller_role, segment, product, team, stated_reason_id, offers_made);
DROP INDEX call_facts_day;
CREATE INDEX call_facts_day ON call_facts(day, customer_id, revenue_micros, outcome, reason_id, caller_id, caller_role, cycle_id,
  segment, product, team, stated_reason_id, offers_made);
`;

/** The call_facts columns the cells depend on. */
const FACT_COLUMNS = [
  'call_id',
  'customer_id',
  'cycle_id',
  'caller_id',
  'caller_role',
  'outcome',
  'reason_id',
  'revenue_micros',
  'segment',
  'product',
  'team',
  'stated_reason_id',
];
const SAME_BUT_REASON = FACT_COLUMNS.filter((c) => c !== 'reason_id')
  .map((c) => `old.${c} IS new.${c}`)
  .join(' AND ');

// Split by what changed, each with its WHEN: a call completed on the call screen runs three short
// statements here (its rows, then its diagnosis, then each offer made), and nothing that has nothing to do.
const TRIGGERS = `
CREATE TRIGGER report_recovery_call_insert AFTER INSERT ON call_facts BEGIN
  ${addRecovery(callKeys('new'))}
END;

CREATE TRIGGER report_recovery_call_insert_offers AFTER INSERT ON call_facts WHEN ${hasOffers('new')} BEGIN
  ${setOffersMade('new.call_id')}
  ${addRecovery(callOfferKeys('new'))}
  ${addOffers(callOffers('new'))}
END;

CREATE TRIGGER report_recovery_call_insert_diagnosed AFTER INSERT ON call_facts WHEN new.reason_id IS NOT NULL BEGIN
  ${addAgreement('new')}
END;

CREATE TRIGGER report_recovery_call_delete AFTER DELETE ON call_facts BEGIN
  ${removeRecovery(callKeys('old'))}
END;

CREATE TRIGGER report_recovery_call_delete_offers AFTER DELETE ON call_facts WHEN ${hasOffers('old')} BEGIN
  ${removeRecovery(callOfferKeys('old'))}
  ${removeOffers(callOffers('old'))}
END;

CREATE TRIGGER report_recovery_call_delete_diagnosed AFTER DELETE ON call_facts WHEN old.reason_id IS NOT NULL BEGIN
  ${removeAgreement('old')}
END;

-- A call diagnosed (the call screen writes the call, then its reasons) or rediagnosed: the agreement
-- cells and the matrix cells of its offers move.
CREATE TRIGGER report_recovery_call_undiagnose AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON}
BEGIN
  ${removeAgreement('old')}
END;

CREATE TRIGGER report_recovery_call_diagnose AFTER UPDATE OF reason_id ON call_facts
WHEN new.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON}
BEGIN
  ${addAgreement('new')}
END;


CREATE TRIGGER report_recovery_call_reason_offers AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON} AND ${hasOffers('new')}
BEGIN
  ${removeOffers(callOffers('old'))}
  ${addOffers(callOffers('new'))}
END;

-- Anything else (a correction of the call, a re-import of the customer): out with the old, in with the new.
CREATE TRIGGER report_recovery_call_update AFTER UPDATE OF ${FACT_COLUMNS.join(', ')} ON call_facts
WHEN NOT (${SAME_BUT_REASON})
BEGIN
  ${removeRecovery(callKeys('old'))}
  ${removeRecovery(callOfferKeys('old'))}
  ${removeOffers(callOffers('old'))}
  ${removeAgreement('old')}
  ${addRecovery(callKeys('new'))}
  ${addRecovery(callOfferKeys('new'))}
  ${addOffers(callOffers('new'))}
  ${addAgreement('new')}
END;

-- Chains: only a diagnosed call beside another diagnosed call of the same customer has any.
CREATE TRIGGER report_call_chains_insert AFTER INSERT ON call_facts
WHEN new.reason_id IS NOT NULL AND ${otherDiagnosed('new')}
BEGIN
  ${setChains('new.customer_id')}
END;

CREATE TRIGGER report_call_chains_delete AFTER DELETE ON call_facts
WHEN old.reason_id IS NOT NULL AND ${otherDiagnosed('old')}
BEGIN
  ${setChains('old.customer_id')}
END;

CREATE TRIGGER report_call_chains_update AFTER UPDATE OF call_id, day, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS new.customer_id AND ${otherDiagnosed('new')} AND (old.call_id IS NOT new.call_id OR old.day IS NOT new.day
  OR old.cycle_id IS NOT new.cycle_id OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id)
BEGIN
  ${clearOwnChains}
  ${setChains('new.customer_id')}
END;

CREATE TRIGGER report_call_chains_move AFTER UPDATE OF customer_id ON call_facts WHEN old.customer_id IS NOT new.customer_id BEGIN
  ${clearOwnChains}
  ${setChains('old.customer_id')}
  ${setChains('new.customer_id')}
END;

-- Offers: made (any answer but "not offered"), answered differently, taken back.
CREATE TRIGGER report_recovery_offer_insert AFTER INSERT ON call_offers WHEN new.${MADE} BEGIN
  ${setOffersMade('new.call_id')}
  ${addRecovery(offerKeys('new'))}
  ${addOffers(oneOffer('new'))}
END;

CREATE TRIGGER report_recovery_offer_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  ${setOffersMade('old.call_id')}
  ${setOffersMade('new.call_id')}
  ${removeRecovery(offerKeys('old'))}
  ${removeOffers(oneOffer('old'))}
  ${addRecovery(offerKeys('new'))}
  ${addOffers(oneOffer('new'))}
END;

CREATE TRIGGER report_recovery_offer_delete AFTER DELETE ON call_offers WHEN old.${MADE} BEGIN
  ${setOffersMade('old.call_id')}
  ${removeRecovery(offerKeys('old'))}
  ${removeOffers(oneOffer('old'))}
END;
`;

export const migration009RecoverySummaries: Migration = {
  version: 9,
  name: 'recovery, offer and agreement summaries; call chains for date ranges',
  up: (db) => {
    db.exec(TABLES);
    backfillRecoverySummaries(db);
    db.exec(INDEXES);
    db.exec(TRIGGERS);
  },
};
