import { CHAIN_COLUMNS } from './009_recovery_summaries';
import { iif, orderedAggregate, updateFrom } from './011_portable_triggers_sql';

/**
 * Every trigger of migration 9 (the recovery, offer and agreement cells, the call chains and the
 * offers made on a call), in SQL that SQLite 3.31 reads: the same statements, each upsert naming
 * its key, `iif` as CASE, `UPDATE ... AS c ... FROM` as `updateFrom`, and the offers made ordered
 * by a subquery instead of the aggregate's own ORDER BY. Migration 9 says what each one keeps.
 */

const MADE = "answer <> 'not_offered'";
const PERIOD_KINDS = "(SELECT 'all' AS period_kind UNION ALL SELECT 'cycle')";
const groupOf = (row: string) => `CASE WHEN ${row}.caller_role = 'executive' THEN 'executive' ELSE 'team' END`;

/**
 * The keyed rows of one call_facts row (named by `row`: `new`, `old`, or an alias in `from`): its
 * cell coordinates, the period (pk.period_kind over PERIOD_KINDS in `from`) and the other key
 * columns given, with what the sums need: won_before says whether the customer has another
 * recovered call at all. A table named k.
 */
function keyed(row: string, from: string, where: string, columns: Record<string, string>): string {
  const extra = Object.entries(columns).map(([name, expr]) => `${expr} AS ${name}`);
  return `(SELECT ${row}.call_id AS call_id, ${row}.customer_id AS customer_id, ${row}.outcome AS outcome,
      ${row}.revenue_micros AS revenue_micros, coalesce(${row}.segment, '') AS segment, coalesce(${row}.product, '') AS product,
      coalesce(${row}.team, '') AS team, pk.period_kind AS period_kind,
      ${iif("pk.period_kind = 'all'", "''", `coalesce(${row}.cycle_id, '')`)} AS period,
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
const OWN_REVENUE = iif(`k.outcome = 'recovered' AND NOT (k.won_before AND ${OTHER_RECOVERED})`, 'k.revenue_micros', '0');
const RECOVERY_KEY = 'period_kind, period, segment, product, team, dim, key';
/** The key columns of a cell table, each matched by the same column of k. */
const fromK = (columns: string) => Object.fromEntries(columns.split(', ').map((c) => [c, `k.${c}`]));

function addRecovery(s: RecoveryKeys): string {
  return `
  INSERT INTO recovery_cells (${RECOVERY_KEY}, calls, recovered, recovered_revenue_micros)
    SELECT ${RECOVERY_KEY}, 1, outcome = 'recovered', ${OWN_REVENUE} FROM ${keyed(s.row, s.from, s.where, { dim: s.dim, key: s.key })} WHERE 1
    ON CONFLICT (${RECOVERY_KEY}) DO UPDATE SET calls = calls + excluded.calls, recovered = recovered + excluded.recovered,
      recovered_revenue_micros = recovered_revenue_micros + excluded.recovered_revenue_micros;`;
}

function removeRecovery(s: RecoveryKeys): string {
  const k = keyed(s.row, s.from, s.where, { dim: s.dim, key: s.key });
  return `
  ${updateFrom({
    table: 'recovery_cells',
    source: k,
    keys: fromK(RECOVERY_KEY),
    set: {
      calls: 'recovery_cells.calls - 1',
      recovered: "recovery_cells.recovered - (k.outcome = 'recovered')",
      recovered_revenue_micros: `recovery_cells.recovered_revenue_micros - ${OWN_REVENUE}`,
    },
  })}
  DELETE FROM recovery_cells WHERE calls = 0 AND (${RECOVERY_KEY}) IN (SELECT ${RECOVERY_KEY} FROM ${k});`;
}

/** Matrix rows: a call's made offers, or one offer with its call. */
const OFFER_KEY = 'period_kind, period, segment, product, team, reason_id, offer_id';
/** offer_cells' primary key, in its order. */
const OFFER_CELL_KEY = 'period_kind, period, reason_id, offer_id, segment, product, team';
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
    ON CONFLICT (${OFFER_CELL_KEY}) DO UPDATE SET offered = offered + 1, accepted = accepted + excluded.accepted, recovered = recovered + excluded.recovered;`;
}

function removeOffers(s: OfferKeys): string {
  const k = offerKeyed(s);
  return `
  ${updateFrom({
    table: 'offer_cells',
    source: k,
    keys: fromK(OFFER_CELL_KEY),
    set: {
      offered: 'offer_cells.offered - 1',
      accepted: 'offer_cells.accepted - k.accepted',
      recovered: "offer_cells.recovered - (k.outcome = 'recovered')",
    },
  })}
  DELETE FROM offer_cells WHERE offered = 0 AND (${OFFER_KEY}) IN (SELECT ${OFFER_KEY} FROM ${k});`;
}

/** A diagnosed call in the stated-versus-diagnosed cells. */
const AGREEMENT_KEY = 'period_kind, period, segment, product, team, stated_reason_id, reason_id';
/** agreement_cells' primary key, in its order. */
const AGREEMENT_CELL_KEY = 'period_kind, period, stated_reason_id, reason_id, segment, product, team';
const agreementKeyed = (row: string) =>
  keyed(row, `${PERIOD_KINDS} pk`, `${row}.reason_id IS NOT NULL`, {
    stated_reason_id: `coalesce(${row}.stated_reason_id, '')`,
    reason_id: `${row}.reason_id`,
  });
const addAgreement = (row: string) => `
  INSERT INTO agreement_cells (${AGREEMENT_KEY}, calls) SELECT ${AGREEMENT_KEY}, 1 FROM ${agreementKeyed(row)} WHERE 1
    ON CONFLICT (${AGREEMENT_CELL_KEY}) DO UPDATE SET calls = calls + 1;`;
// Each of the call's keys is a cell of its own, and taking the call away is the same for each.
const removeAgreement = (row: string) => `
  UPDATE agreement_cells SET calls = calls - 1 WHERE (${AGREEMENT_KEY}) IN (SELECT ${AGREEMENT_KEY} FROM ${agreementKeyed(row)});
  DELETE FROM agreement_cells WHERE calls = 0 AND (${AGREEMENT_KEY}) IN (SELECT ${AGREEMENT_KEY} FROM ${agreementKeyed(row)});`;

/** The offers made on a call as call_facts.offers_made holds them: [[offer, answer], ...] by offer, or NULL. */
const offersMadeOf = (callId: string) =>
  orderedAggregate({
    aggregate: 'json_group_array(json_array(offer_id, answer))',
    columns: 'offer_id, answer',
    from: 'call_offers',
    where: `call_id = ${callId} AND ${MADE}`,
    orderBy: 'offer_id',
    nullWhenEmpty: true,
  });
const setOffersMade = (callId: string) => `
  UPDATE call_facts SET offers_made = ${offersMadeOf(callId)} WHERE call_id = ${callId} AND offers_made IS NOT ${offersMadeOf(callId)};`;

/** A call's offers, when it has any made (the call screen writes them after the call: usually none yet). */
const hasOffers = (row: string) => `EXISTS (SELECT 1 FROM call_offers o WHERE o.call_id = ${row}.call_id AND o.${MADE})`;

const BEFORE = 'ORDER BY day, call_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
const RECOVERED_DAY = iif("outcome = 'recovered'", 'day', 'NULL');
/** The chains of one customer's diagnosed call_facts rows, with call_id. */
const chainsOf = (customer: string) => `
    SELECT call_id,
      max(day) OVER by_reason AS reason_prev_day,
      max(${RECOVERED_DAY}) OVER by_reason AS reason_prev_recovered_day,
      max(day) OVER by_reason_cycle AS reason_cycle_prev_day,
      max(${RECOVERED_DAY}) OVER by_reason_cycle AS reason_cycle_prev_recovered_day,
      max(day) OVER diagnosed AS diagnosed_prev_day,
      max(${RECOVERED_DAY}) OVER diagnosed AS diagnosed_prev_recovered_day
    FROM call_facts WHERE reason_id IS NOT NULL AND customer_id = ${customer}
    WINDOW by_reason AS (PARTITION BY reason_id ${BEFORE}),
      by_reason_cycle AS (PARTITION BY reason_id, cycle_id ${BEFORE}),
      diagnosed AS (${BEFORE})`;

const CHAINS_DIFFER = CHAIN_COLUMNS.map((c) => `f.${c} IS NOT w.${c}`).join(' OR ');
/**
 * Brings the chains of one customer's diagnosed calls up to date, writing only the calls whose chains
 * changed: those found first, then each set from the chains again (a window over one customer's calls).
 */
const setChains = (customer: string) => `
  UPDATE call_facts SET (${CHAIN_COLUMNS.join(', ')}) = (SELECT ${CHAIN_COLUMNS.map((c) => `w.${c}`).join(', ')}
      FROM (${chainsOf(customer)}) w WHERE w.call_id = call_facts.call_id)
    WHERE call_id IN (SELECT w.call_id FROM (${chainsOf(customer)}) w JOIN call_facts f ON f.call_id = w.call_id WHERE ${CHAINS_DIFFER});`;
/** A call without a diagnosis has no chains (setChains only writes diagnosed calls). */
const clearOwnChains = `
  UPDATE call_facts SET ${CHAIN_COLUMNS.map((c) => `${c} = NULL`).join(', ')}
    WHERE call_id = new.call_id AND new.reason_id IS NULL AND coalesce(${CHAIN_COLUMNS.join(', ')}) IS NOT NULL;`;
/** Whether the customer has a diagnosed call besides this one (without one, none of their chains can change). */
const otherDiagnosed = (row: string) =>
  `EXISTS (SELECT 1 FROM call_facts g WHERE g.customer_id = ${row}.customer_id AND g.call_id <> ${row}.call_id AND g.reason_id IS NOT NULL)`;

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

/** Trigger name to its CREATE TRIGGER statement. */
export const RECOVERY_TRIGGERS: Record<string, string> = {
  report_recovery_call_insert: `CREATE TRIGGER report_recovery_call_insert AFTER INSERT ON call_facts BEGIN
  ${addRecovery(callKeys('new'))}
END`,

  report_recovery_call_insert_offers: `CREATE TRIGGER report_recovery_call_insert_offers AFTER INSERT ON call_facts WHEN ${hasOffers('new')} BEGIN
  ${setOffersMade('new.call_id')}
  ${addRecovery(callOfferKeys('new'))}
  ${addOffers(callOffers('new'))}
END`,

  report_recovery_call_insert_diagnosed: `CREATE TRIGGER report_recovery_call_insert_diagnosed AFTER INSERT ON call_facts WHEN new.reason_id IS NOT NULL BEGIN
  ${addAgreement('new')}
END`,

  report_recovery_call_delete: `CREATE TRIGGER report_recovery_call_delete AFTER DELETE ON call_facts BEGIN
  ${removeRecovery(callKeys('old'))}
END`,

  report_recovery_call_delete_offers: `CREATE TRIGGER report_recovery_call_delete_offers AFTER DELETE ON call_facts WHEN ${hasOffers('old')} BEGIN
  ${removeRecovery(callOfferKeys('old'))}
  ${removeOffers(callOffers('old'))}
END`,

  report_recovery_call_delete_diagnosed: `CREATE TRIGGER report_recovery_call_delete_diagnosed AFTER DELETE ON call_facts WHEN old.reason_id IS NOT NULL BEGIN
  ${removeAgreement('old')}
END`,

  report_recovery_call_undiagnose: `CREATE TRIGGER report_recovery_call_undiagnose AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON}
BEGIN
  ${removeAgreement('old')}
END`,

  report_recovery_call_diagnose: `CREATE TRIGGER report_recovery_call_diagnose AFTER UPDATE OF reason_id ON call_facts
WHEN new.reason_id IS NOT NULL AND old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON}
BEGIN
  ${addAgreement('new')}
END`,

  report_recovery_call_reason_offers: `CREATE TRIGGER report_recovery_call_reason_offers AFTER UPDATE OF reason_id ON call_facts
WHEN old.reason_id IS NOT new.reason_id AND ${SAME_BUT_REASON} AND ${hasOffers('new')}
BEGIN
  ${removeOffers(callOffers('old'))}
  ${addOffers(callOffers('new'))}
END`,

  report_recovery_call_update: `CREATE TRIGGER report_recovery_call_update AFTER UPDATE OF ${FACT_COLUMNS.join(', ')} ON call_facts
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
END`,

  report_call_chains_insert: `CREATE TRIGGER report_call_chains_insert AFTER INSERT ON call_facts
WHEN new.reason_id IS NOT NULL AND ${otherDiagnosed('new')}
BEGIN
  ${setChains('new.customer_id')}
END`,

  report_call_chains_delete: `CREATE TRIGGER report_call_chains_delete AFTER DELETE ON call_facts
WHEN old.reason_id IS NOT NULL AND ${otherDiagnosed('old')}
BEGIN
  ${setChains('old.customer_id')}
END`,

  report_call_chains_update: `CREATE TRIGGER report_call_chains_update AFTER UPDATE OF call_id, day, cycle_id, outcome, reason_id ON call_facts
WHEN old.customer_id IS new.customer_id AND ${otherDiagnosed('new')} AND (old.call_id IS NOT new.call_id OR old.day IS NOT new.day
  OR old.cycle_id IS NOT new.cycle_id OR old.outcome IS NOT new.outcome OR old.reason_id IS NOT new.reason_id)
BEGIN
  ${clearOwnChains}
  ${setChains('new.customer_id')}
END`,

  report_call_chains_move: `CREATE TRIGGER report_call_chains_move AFTER UPDATE OF customer_id ON call_facts WHEN old.customer_id IS NOT new.customer_id BEGIN
  ${clearOwnChains}
  ${setChains('old.customer_id')}
  ${setChains('new.customer_id')}
END`,

  report_recovery_offer_insert: `CREATE TRIGGER report_recovery_offer_insert AFTER INSERT ON call_offers WHEN new.${MADE} BEGIN
  ${setOffersMade('new.call_id')}
  ${addRecovery(offerKeys('new'))}
  ${addOffers(oneOffer('new'))}
END`,

  report_recovery_offer_update: `CREATE TRIGGER report_recovery_offer_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  ${setOffersMade('old.call_id')}
  ${setOffersMade('new.call_id')}
  ${removeRecovery(offerKeys('old'))}
  ${removeOffers(oneOffer('old'))}
  ${addRecovery(offerKeys('new'))}
  ${addOffers(oneOffer('new'))}
END`,

  report_recovery_offer_delete: `CREATE TRIGGER report_recovery_offer_delete AFTER DELETE ON call_offers WHEN old.${MADE} BEGIN
  ${setOffersMade('old.call_id')}
  ${removeRecovery(offerKeys('old'))}
  ${removeOffers(oneOffer('old'))}
END`,
};
