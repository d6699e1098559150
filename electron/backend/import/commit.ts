import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { withCheckpointAfter } from '../workers/checkpoint';
import type { Staging } from '../../../db/importStaging';
import { customerRecordsByExternalId, prepareCustomerWrites, type CustomerInput } from '../../../db/repos/customers';
import { upsertCycle } from '../../../db/repos/cycles';
import { deferNewCustomerFacts } from '../../../db/repos/reportFactsBulk';
import { prepareEventBatch } from '../../../db/repos/outbox';
import { loadReasonPhrases } from '../../../db/repos/taxonomy';
import { recordImport } from '../../../db/repos/importMappings';
import { refreshSelection } from '../../../db/repos/selection';
import { inferMissingTimeZones } from '../customers/zoneInference';
import { recordAddressZones } from '../../../db/repos/zoneInference';
import { audit } from '../../../db/repos/audit';
import { normalizeReasonText } from '../../../shared/domain/taxonomy';
import type { ImportField } from '../../../shared/domain/importMapping';
import type { CyclePeriod } from '../../../shared/domain/cycles';
import type { ImportPlan, StagedCustomer } from './stage';
import { markRelostIfRecovered } from '../care/relost';
import { adoptImportedCurrency } from '../locale/settings';
import { applyLedger } from '../../../db/repos/permissions';

export interface ImportCounts {
  imported: number;
  updated: number;
  skipped: number;
  invalid: number;
  noContact: number;
  unmapped: number;
  /** Imported or updated, counted, and kept out of every queue by the contact-permission ledger. */
  suppressed: number;
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

/** The address columns are not kept: they only feed the zone (rows.ts). */
type StoredField = Exclude<ImportField, 'externalId' | 'country' | 'region' | 'postalCode'>;

const EXISTING: Record<StoredField, keyof ExistingRow> = {
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
const INPUT: Record<StoredField, Exclude<keyof CustomerInput, 'externalId'>> = {
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

export type CommitContext = { now: Date; actorId: string | null; fileName: string };

/**
 * Writes a staged import in ONE transaction: the cycles, every customer (new ones inserted,
 * known ones updated by customer id with their calls, attempts and assignment kept), a
 * customer.departed event for the hub per customer, the import record, the audit entry and a
 * fresh selection pass. A crash or a kill at any point leaves the database as it was before.
 * A re-import leaves the fields its mapping does not carry as they were.
 */
export function commitImport(db: Db, staging: Staging, plan: ImportPlan, ctx: CommitContext): ImportCounts {
  return inImportTransaction(db, () => {
    const writer = new ImportWriter(db, plan.mappedFields, ctx);
    writer.addCycles(plan.cycles);
    // Which customers are already in the console is asked a chunk at a time, inside this transaction.
    let chunk: StagedCustomer[] = [];
    for (const { data: row } of staging.rows<StagedCustomer>()) {
      chunk.push(row);
      if (chunk.length >= CHUNK) {
        writer.write(chunk);
        chunk = [];
      }
    }
    writer.write(chunk);
    return writer.finish(plan);
  });
}

/**
 * Runs `write` in one transaction with the import's page cache; the write-ahead log it leaves is
 * copied into the database file on a worker thread once it is committed (withCheckpointAfter).
 */
export function inImportTransaction<T>(db: Db, write: () => T): T {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return withCheckpointAfter(db, () => db.transaction(write)());
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * The writes of one import, inside the caller's transaction, in file order: `addCycles` before the
 * customers that belong to them, `write` a chunk of customers at a time, `finish` once.
 */
export class ImportWriter {
  private readonly now: string;
  private readonly counts = { imported: 0, updated: 0, noContact: 0, unmapped: 0 };
  private readonly cycleNames: Map<string, string>;
  private readonly reportFacts: { finish: () => void };
  private readonly writes: ReturnType<typeof prepareCustomerWrites>;
  private readonly events: ReturnType<typeof prepareEventBatch>;
  private readonly phrases: Map<string, string>;
  private readonly reasonIds = new Map<string, string | null>();
  private readonly categoryOf: Map<string, string>;
  /** Zones the address columns gave, written once the customers are. */
  private readonly addressZones: { externalId: string; zones: string[]; source: string }[] = [];
  private readonly addressMapped: boolean;
  /** The fields a re-import leaves as they were: those its mapping does not carry. */
  private readonly kept: (keyof typeof EXISTING)[];

  constructor(
    private readonly db: Db,
    mappedFields: readonly ImportField[],
    private readonly ctx: CommitContext,
  ) {
    this.now = ctx.now.toISOString();
    // Events name the cycle as people do ("November 2026"), the same as calls do, so the hub's
    // cycle filter matches both.
    this.cycleNames = new Map(
      (db.prepare('SELECT id, name FROM cycles').all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
    );
    // New customers' report facts are added at the end in two statements rather than by triggers.
    this.reportFacts = deferNewCustomerFacts(db);
    this.writes = prepareCustomerWrites(db);
    this.events = prepareEventBatch(db);
    this.phrases = loadReasonPhrases(db);
    this.categoryOf = new Map(
      (db.prepare('SELECT id, category_id FROM reasons').all() as { id: string; category_id: string }[]).map((r) => [
        r.id,
        r.category_id,
      ]),
    );
    const mapped = new Set<ImportField>(mappedFields);
    this.addressMapped = mapped.has('country') || mapped.has('region') || mapped.has('postalCode');
    this.kept = (Object.keys(EXISTING) as (keyof typeof EXISTING)[]).filter((field) => !mapped.has(field));
  }

  /** Cycles the customers written next belong to; those the console has already stay as they are. */
  addCycles(cycles: readonly CyclePeriod[]): void {
    for (const cycle of cycles) {
      upsertCycle(this.db, cycle, this.now);
      if (!this.cycleNames.has(cycle.id)) this.cycleNames.set(cycle.id, cycle.name);
    }
  }

  /**
   * Writes these customers (new ones inserted, known ones updated) and an event for each. `known`:
   * the ids among them the caller has just found in the console, in this transaction, so only
   * their records are read; without it, every id is looked up.
   */
  write(rows: readonly StagedCustomer[], known?: readonly string[]): void {
    if (rows.length === 0) return;
    const existing = customerRecordsByExternalId<ExistingRow>(this.db, known ?? rows.map((row) => row.externalId));
    for (const row of rows) this.writeOne(row, existing.get(row.externalId));
    this.writes.flush();
  }

  /** The events, report facts, import record, audit entry and selection pass; the counts written. */
  finish(plan: Pick<ImportPlan, 'skipped' | 'invalid' | 'currency'>): ImportCounts {
    // In the order the import record and the audit entry have always listed them.
    const counts: ImportCounts = {
      imported: this.counts.imported,
      updated: this.counts.updated,
      skipped: plan.skipped,
      invalid: plan.invalid,
      noContact: this.counts.noContact,
      unmapped: this.counts.unmapped,
      suppressed: 0,
    };
    this.events.flush();
    this.reportFacts.finish();
    const { now, actorId, fileName } = { now: this.now, actorId: this.ctx.actorId, fileName: this.ctx.fileName };
    recordImport(this.db, { id: randomUUID(), fileName, at: now, actorId, ...counts });
    audit(this.db, { at: now, actorId, action: 'import', entity: 'customers', detail: { fileName, ...counts } });
    // The first import's currency signs name the organisation's currency, unless someone chose one.
    if (plan.currency !== null && adoptImportedCurrency(this.db, plan.currency)) {
      audit(this.db, { at: now, actorId, action: 'locale.adoptImportedCurrency', entity: 'settings', detail: { currency: plan.currency, fileName } });
    }
    // An address's zone first; the phone's country code then fills in for the customers still without one.
    if (this.addressMapped) recordAddressZones(this.db, this.addressZones);
    inferMissingTimeZones(this.db);
    refreshSelection(this.db, now.slice(0, 10));
    // The ledger keeps suppressed customers out of every queue from this transaction on.
    applyLedger(this.db, this.ctx.now);
    counts.suppressed = this.db.prepare('SELECT count(*) FROM customers WHERE call_blocked = 1 AND updated_at = ?').pluck().get(now) as number;
    return counts;
  }

  private reasonIdOf(text: string): string | null {
    let id = this.reasonIds.get(text);
    if (id === undefined) {
      id = this.phrases.get(normalizeReasonText(text)) ?? null;
      this.reasonIds.set(text, id);
    }
    return id;
  }

  private writeOne(row: StagedCustomer, before: ExistingRow | undefined): void {
    const now = this.now;
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
    if (before) for (const field of this.kept) (customer as unknown as Record<string, unknown>)[INPUT[field]] = before[EXISTING[field]];
    const statedReasonText = customer.statedReasonText;
    const statedReasonId = statedReasonText === null ? null : this.reasonIdOf(statedReasonText);
    customer.statedReasonId = statedReasonId;
    if (before) {
      this.writes.update(customer, now);
      this.counts.updated += 1;
      // A recovered customer in intensive care who shows up as departed again is re-lost; that
      // event goes after the departures queued so far.
      this.events.flush();
      markRelostIfRecovered(this.db, before.id, this.ctx.now, this.ctx.actorId);
    } else {
      this.writes.insert(customer, now);
      this.counts.imported += 1;
    }
    if (customer.timezone === null && row.zones !== null && row.zoneSource !== null) {
      this.addressZones.push({ externalId: row.externalId, zones: row.zones, source: row.zoneSource });
    }
    if (customer.phone === null && customer.email === null) this.counts.noContact += 1;
    if (statedReasonText !== null && statedReasonId === null) this.counts.unmapped += 1;
    this.events.add(
      'customer.departed',
      {
        externalId: customer.externalId,
        cycle: customer.cycleId === null ? null : (this.cycleNames.get(customer.cycleId) ?? customer.cycleId),
        departedAt: customer.departedAt,
        statedReasonText,
        statedReasonId,
        statedCategoryId: statedReasonId === null ? null : (this.categoryOf.get(statedReasonId) ?? null),
        monthlyRevenue: customer.monthlyRevenue,
        segment: customer.segment,
        product: customer.product,
        frontlineTeam: customer.frontlineTeam,
      },
      now,
    );
  }
}
