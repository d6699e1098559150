import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import type { Staging } from '../../../db/importStaging';
import { customerRecordsByExternalId, prepareCustomerWrites, type CustomerInput } from '../../../db/repos/customers';
import { upsertCycle } from '../../../db/repos/cycles';
import { deferNewCustomerFacts } from '../../../db/repos/reportFactsBulk';
import { prepareEventBatch } from '../../../db/repos/outbox';
import { loadReasonPhrases } from '../../../db/repos/taxonomy';
import { recordImport } from '../../../db/repos/importMappings';
import { refreshSelection } from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';
import { normalizeReasonText } from '../../../shared/domain/taxonomy';
import type { ImportField } from '../../../shared/domain/importMapping';
import type { ImportPlan, StagedCustomer } from './stage';
import { markRelostIfRecovered } from '../care/relost';

export interface ImportCounts {
  imported: number;
  updated: number;
  skipped: number;
  invalid: number;
  noContact: number;
  unmapped: number;
}

/** Columns of an existing customer, for the fields this import's mapping does not carry. */
interface ExistingRow {
  id: number;
  external_id: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  segment: string | null;
  product: string | null;
  monthly_revenue: number | null;
  tenure_months: number | null;
  departed_at: string | null;
  last_activity_at: string | null;
  stated_reason_text: string | null;
  frontline_rep: string | null;
  frontline_team: string | null;
  notes: string | null;
}

const EXISTING: Record<Exclude<ImportField, 'externalId'>, keyof ExistingRow> = {
  name: 'name',
  company: 'company',
  phone: 'phone',
  email: 'email',
  timezone: 'timezone',
  segment: 'segment',
  product: 'product',
  monthlyRevenue: 'monthly_revenue',
  tenureMonths: 'tenure_months',
  departedAt: 'departed_at',
  lastActivityAt: 'last_activity_at',
  statedReason: 'stated_reason_text',
  frontlineRep: 'frontline_rep',
  frontlineTeam: 'frontline_team',
  notes: 'notes',
};

/** The field of a written customer each import field fills. */
const INPUT: Record<Exclude<ImportField, 'externalId'>, Exclude<keyof CustomerInput, 'externalId'>> = {
  name: 'name',
  company: 'company',
  phone: 'phone',
  email: 'email',
  timezone: 'timezone',
  segment: 'segment',
  product: 'product',
  monthlyRevenue: 'monthlyRevenue',
  tenureMonths: 'tenureMonths',
  departedAt: 'departedAt',
  lastActivityAt: 'lastActivityAt',
  statedReason: 'statedReasonText',
  frontlineRep: 'frontlineRep',
  frontlineTeam: 'frontlineTeam',
  notes: 'notes',
};

/** Customers looked up at a time inside the transaction, to learn which are already there. */
const CHUNK = 1000;

/**
 * The page cache of the import's transaction, in KiB (SQLite's convention for a negative size).
 * The transaction changes about 1 KB of pages per customer (the row, its indexes, its report
 * facts, its event); with SQLite's default 2 MB it spilled them to the WAL and read them back over
 * and over, the selection pass most of all. The cache fills only as far as the import needs and is
 * set back when it ends.
 */
const IMPORT_CACHE_KIB = -256 * 1024;

type CommitContext = { now: Date; actorId: string | null; fileName: string };

/**
 * Writes a staged import in ONE transaction: the cycles, every customer (new ones inserted,
 * known ones updated by customer id with their calls, attempts and assignment kept), a
 * customer.departed event for the hub per customer, the import record, the audit entry and a
 * fresh selection pass. A crash or a kill at any point leaves the database as it was before.
 * A re-import leaves the fields its mapping does not carry as they were.
 */
export function commitImport(db: Db, staging: Staging, plan: ImportPlan, ctx: CommitContext): ImportCounts {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return db.transaction(() => writeImport(db, staging, plan, ctx))();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function writeImport(db: Db, staging: Staging, plan: ImportPlan, ctx: CommitContext): ImportCounts {
  const now = ctx.now.toISOString();
  const mapped = new Set<ImportField>(plan.mappedFields);
  const counts: ImportCounts = {
    imported: 0,
    updated: 0,
    skipped: plan.skipped,
    invalid: plan.invalid,
    noContact: 0,
    unmapped: 0,
  };
  for (const cycle of plan.cycles) upsertCycle(db, cycle, now);
  // Events name the cycle as people do ("November 2026"), the same as calls do, so the hub's
  // cycle filter matches both.
  const cycleNames = new Map(
    (db.prepare('SELECT id, name FROM cycles').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
  );
  // New customers' report facts are added at the end in two statements rather than by triggers.
  const reportFacts = deferNewCustomerFacts(db);
  const writes = prepareCustomerWrites(db);
  const events = prepareEventBatch(db);
  const phrases = loadReasonPhrases(db);
  const reasonIds = new Map<string, string | null>();
  const reasonIdOf = (text: string): string | null => {
    let id = reasonIds.get(text);
    if (id === undefined) {
      id = phrases.get(normalizeReasonText(text)) ?? null;
      reasonIds.set(text, id);
    }
    return id;
  };
  const categoryOf = new Map(
    (db.prepare('SELECT id, category_id FROM reasons').all() as { id: string; category_id: string }[]).map((r) => [
      r.id,
      r.category_id,
    ]),
  );
  // A re-import leaves the fields its mapping does not carry as they were.
  const kept = (Object.keys(EXISTING) as (keyof typeof EXISTING)[]).filter((field) => !mapped.has(field));
  const write = (row: StagedCustomer, before: ExistingRow | undefined) => {
    const customer: CustomerInput = {
      externalId: row.externalId,
      name: row.name,
      company: row.company,
      phone: row.phone,
      email: row.email,
      timezone: row.timezone,
      segment: row.segment,
      product: row.product,
      monthlyRevenue: row.monthlyRevenue,
      tenureMonths: row.tenureMonths,
      departedAt: row.departedAt,
      lastActivityAt: row.lastActivityAt,
      statedReasonText: row.statedReason,
      statedReasonId: null,
      frontlineRep: row.frontlineRep,
      frontlineTeam: row.frontlineTeam,
      notes: row.notes,
      cycleId: row.cycleId,
    };
    if (before) for (const field of kept) (customer as unknown as Record<string, unknown>)[INPUT[field]] = before[EXISTING[field]];
    const statedReasonText = customer.statedReasonText;
    const statedReasonId = statedReasonText === null ? null : reasonIdOf(statedReasonText);
    customer.statedReasonId = statedReasonId;
    if (before) {
      writes.update(customer, now);
      counts.updated += 1;
      // A recovered customer in intensive care who shows up as departed again is re-lost; that
      // event goes after the departures queued so far.
      events.flush();
      markRelostIfRecovered(db, before.id, ctx.now, ctx.actorId);
    } else {
      writes.insert(customer, now);
      counts.imported += 1;
    }
    if (customer.phone === null && customer.email === null) counts.noContact += 1;
    if (statedReasonText !== null && statedReasonId === null) counts.unmapped += 1;
    events.add(
      'customer.departed',
      {
        externalId: customer.externalId,
        cycle: customer.cycleId === null ? null : (cycleNames.get(customer.cycleId) ?? customer.cycleId),
        departedAt: customer.departedAt,
        statedReasonText,
        statedReasonId,
        statedCategoryId: statedReasonId === null ? null : (categoryOf.get(statedReasonId) ?? null),
        monthlyRevenue: customer.monthlyRevenue,
        segment: customer.segment,
        product: customer.product,
        frontlineTeam: customer.frontlineTeam,
      },
      now,
    );
  };
  // Which customers are already in the console is asked a chunk at a time, inside this transaction.
  let chunk: StagedCustomer[] = [];
  const writeChunk = () => {
    const existing = customerRecordsByExternalId<ExistingRow>(db, chunk.map((row) => row.externalId));
    for (const row of chunk) write(row, existing.get(row.externalId));
    writes.flush();
    chunk = [];
  };
  for (const { data: row } of staging.rows<StagedCustomer>()) {
    chunk.push(row);
    if (chunk.length >= CHUNK) writeChunk();
  }
  writeChunk();
  events.flush();
  reportFacts.finish();
  recordImport(db, { id: randomUUID(), fileName: ctx.fileName, at: now, actorId: ctx.actorId, ...counts });
  audit(db, {
    at: now,
    actorId: ctx.actorId,
    action: 'import',
    entity: 'customers',
    detail: { fileName: ctx.fileName, ...counts },
  });
  refreshSelection(db, now.slice(0, 10));
  return counts;
}
