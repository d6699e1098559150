import type { Db } from '../../db/open';
import { REPORT_SUMMARY_DERIVATIONS, REPORT_SUMMARY_TABLES } from '../../db/migrations/007_report_summaries';
import { CHAIN_COLUMNS, RECOVERY_SUMMARY_DERIVATIONS, RECOVERY_SUMMARY_TABLES } from '../../db/migrations/009_recovery_summaries';
import { reasonsReport, type ReasonsQuery } from '../../db/repos/reportsReasons';
import { agreement, offerMatrix, recoveryGroups, RECOVERY_DIMENSIONS } from '../../db/repos/reportsRecovery';
import type { ReportQuery } from '../../db/repos/reportsFilters';
import { rawAgreement, rawOfferMatrix, rawReasonsReport, rawRecoveryBy } from './rawReports';

/** The columns of call_facts as migration 7 made them (later migrations add columns after these). */
const CALL_FACTS_V7 =
  'call_id, customer_id, day, month, cycle_id, caller_id, caller_role, outcome, reason_id, revenue_micros, segment, product, team, stated_reason_id';

/** Each summary as stored (a SELECT) and as derived from scratch, in the order they are derived, for the schema the database has. */
function summaries(db: Db): { table: string; stored: string; derived: string }[] {
  const exists = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  const out = REPORT_SUMMARY_TABLES.map((t) => ({
    table: t,
    stored: t === 'call_facts' ? `SELECT ${CALL_FACTS_V7} FROM call_facts` : `SELECT * FROM ${t}`,
    derived: REPORT_SUMMARY_DERIVATIONS[t],
  }));
  if (!exists('recovery_cells')) return out;
  return [
    ...out,
    { table: 'call_facts chains', stored: `SELECT call_id, ${CHAIN_COLUMNS.join(', ')} FROM call_facts`, derived: RECOVERY_SUMMARY_DERIVATIONS.call_chains },
    { table: 'call_facts offers_made', stored: 'SELECT call_id, offers_made FROM call_facts', derived: RECOVERY_SUMMARY_DERIVATIONS.call_offers_made },
    ...RECOVERY_SUMMARY_TABLES.map((t) => ({ table: t, stored: `SELECT * FROM ${t}`, derived: RECOVERY_SUMMARY_DERIVATIONS[t] })),
  ];
}

/**
 * Rows of each summary table that a rebuild from scratch would not have (extra), and rows a rebuild
 * would have that the table lacks (missing). Empty when the triggers kept every summary exact.
 * Tables are checked in the order they are derived, so the first one listed is where it went wrong.
 */
export function summaryDifferences(db: Db): { table: string; missing: unknown[]; extra: unknown[] }[] {
  const out: { table: string; missing: unknown[]; extra: unknown[] }[] = [];
  for (const { table, stored, derived } of summaries(db)) {
    const missing = db.prepare(`SELECT * FROM (${derived}) EXCEPT SELECT * FROM (${stored})`).all();
    const extra = db.prepare(`SELECT * FROM (${stored}) EXCEPT SELECT * FROM (${derived})`).all();
    if (missing.length > 0 || extra.length > 0) out.push({ table, missing, extra });
  }
  return out;
}

/** The filters each report is compared under: none, each alone, and the combinations the Trends view sends. */
export function filterCombinations(values: { cycleId?: string; segment?: string; product?: string; team?: string; callerId?: string; from?: string; to?: string }): ReportQuery[] {
  const { cycleId, segment, product, team, callerId, from, to } = values;
  return [
    {},
    { cycleId },
    { segment },
    { product },
    { team },
    { callerId },
    { from },
    { to },
    { from, to },
    { cycleId, segment },
    { segment, product, team },
    { cycleId, callerId },
    { cycleId, from, to, team },
  ];
}

/**
 * Every report computed from the summaries next to the same report computed the way it was before
 * them, straight from calls, call_reasons and customers: a list of the ones that differ.
 */
export function reportsDifferingFromRaw(db: Db, filters: ReportQuery[]): { report: string; query: unknown; summary: unknown; raw: unknown }[] {
  const out: { report: string; query: unknown; summary: unknown; raw: unknown }[] = [];
  const compare = (report: string, query: unknown, summary: unknown, raw: unknown) => {
    if (JSON.stringify(summary) !== JSON.stringify(raw)) out.push({ report, query, summary, raw });
  };
  for (const f of filters) {
    for (const by of ['stated', 'diagnosed'] as const) {
      for (const group of [undefined, 'month', 'cycle'] as const) {
        const q: ReasonsQuery = { ...f, by, group };
        compare('reasons', q, reasonsReport(db, q), rawReasonsReport(db, q));
      }
    }
    const recovery = recoveryGroups(db, f);
    for (const d of RECOVERY_DIMENSIONS) compare(`recovery by ${d}`, f, recovery[d], rawRecoveryBy(db, d, f));
    compare('offer matrix', f, offerMatrix(db, f), rawOfferMatrix(db, f));
    compare('agreement', f, agreement(db, f, 3), rawAgreement(db, f, 3));
  }
  return out;
}
