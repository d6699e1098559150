import { said, type Said } from '../../../shared/i18n/said';
import type { Db } from '../../../db/open';
import { loadReasonPhrases } from '../../../db/repos/taxonomy';
import { listCycles } from '../../../db/repos/cycles';
import { knownCustomerCycles } from '../../../db/repos/customers';
import { cycleFor, type CycleKind, type CyclePeriod } from '../../../shared/domain/cycles';
import { normalizeReasonText } from '../../../shared/domain/taxonomy';
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../../../shared/domain/importMapping';
import type { Sniffed } from './encoding';
import { ImportFileError, type RowError } from './errors';
import type { MappedRow } from './mappedRows';
import { NO_SLASHED_DATES, type DateReading } from './dateFormat';
import { slashedParts } from './values';
import type { RowCustomer } from './rows';

/** A departed customer ready to be written, with the cycle they belong to. */
export interface StagedCustomer extends RowCustomer {
  cycleId: string;
}

/** What an import will do, found before anything is written. */
export interface ImportPlan {
  encoding: Sniffed['encoding'];
  bom: boolean;
  separator: ',' | ';';
  /** Departed customers not yet in the console. */
  newCount: number;
  /** Departed customers already in the console (matched by customer id). */
  updatedCount: number;
  /** Rows that did not depart (the active ones among them). */
  skipped: number;
  /** Rows left out because their status column says the customer is still active. */
  active: number;
  /** Rows with at least one error. */
  invalid: number;
  /** Valid departed customers without phone or email: imported and counted, never queued. */
  noContact: number;
  /** Stated reasons that map to no reason, with how many customers gave each. */
  unmapped: { text: string; customers: number }[];
  /** The first errors (all of them up to MAX_ERRORS). */
  errors: RowError[];
  cycles: (CyclePeriod & { customers: number })[];
  mappedFields: ImportField[];
  /** How dates written with slashes were read. */
  dates: DateReading;
  /** What the manager should know before writing, though nothing stops the import. */
  /** By key: the preview says them in the manager's language, the command line in English. */
  warnings: Said[];
  /**
   * The currency the file's amounts name by their signs ("1.234,56 EUR"), or null: the organisation's
   * once written, when nobody chose one yet.
   */
  currency: string | null;
}

export const MAX_ERRORS = 1000;

/**
 * Every row of the file is invalid: skipping the invalid rows would import nothing, so the import
 * is refused as a failure (it exited 0 having imported no one, which looked like success).
 */
export function everyRowInvalid(plan: ImportPlan): boolean {
  return plan.invalid > 0 && plan.newCount + plan.updatedCount + plan.skipped === 0;
}

/** A plan with nothing in it: where counting starts, and what a file that cannot be read shows. */
export function emptyPlan(): ImportPlan {
  return {
    encoding: 'utf8',
    bom: false,
    separator: ',',
    newCount: 0,
    updatedCount: 0,
    skipped: 0,
    active: 0,
    invalid: 0,
    noContact: 0,
    unmapped: [],
    errors: [],
    cycles: [],
    mappedFields: [],
    dates: NO_SLASHED_DATES,
    warnings: [],
    currency: null,
  };
}

/** The preview's warnings: what would go unnoticed until the reports looked wrong. */
export function planWarnings(plan: Pick<ImportPlan, 'mappedFields' | 'active'>, mapping: ImportMapping): Said[] {
  const warnings: Said[] = [];
  if (!plan.mappedFields.includes('monthlyRevenue')) warnings.push(said('why.importWarning.noRevenue'));
  if (plan.active > 0) warnings.push(said('why.importWarning.active', { count: plan.active, column: mapping.statusColumn ?? 'status' }));
  return warnings;
}

export interface PlanOptions {
  mapping: ImportMapping;
  cycleKind: CycleKind;
  /** The cycle for customers whose departure date is unknown: the cycle of the import. */
  importCycle: CyclePeriod;
}

/**
 * Builds an import's plan from its mapped rows, batch by batch in file order: refuses duplicates
 * (found as the rows were mapped), finds which customers the console has already, each customer's cycle,
 * unmapped stated reasons, and the counts. Reads the console's database, never writes it.
 */
export class PlanBuilder {
  readonly plan: ImportPlan;
  private readonly phrases: Map<string, string>;
  private readonly knownCycles: Map<string, CyclePeriod>;
  private readonly unmapped = new Map<string, { text: string; customers: number }>();
  private readonly cycles = new Map<string, CyclePeriod & { customers: number }>();
  // Both depend on a handful of distinct values (departure days, reason texts), not on the row.
  private readonly cycleOfDay = new Map<string, CyclePeriod>();
  private readonly reasonKeys = new Map<string, string>();

  constructor(
    private readonly db: Db,
    sniffed: Sniffed,
    separator: ',' | ';',
    private readonly options: PlanOptions,
  ) {
    this.phrases = loadReasonPhrases(db);
    this.knownCycles = new Map(listCycles(db).map((cy) => [cy.id, cy]));
    this.plan = {
      ...emptyPlan(),
      encoding: sniffed.encoding,
      bom: sniffed.bom,
      separator,
      mappedFields: IMPORT_FIELDS.filter((f) => options.mapping.columns[f] !== undefined),
    };
  }

  /** The cycles the plan has met so far, by id. */
  get cyclesSeen(): ReadonlyMap<string, CyclePeriod> {
    return this.cycles;
  }

  /**
   * Takes the next rows of the file; returns its valid departed customers with their lines, in file
   * order, and whether the console has each already.
   */
  add(rows: readonly MappedRow[]): { line: number; data: StagedCustomer; known: boolean }[] {
    const plan = this.plan;
    const lines: number[] = [];
    const departed: RowCustomer[] = [];
    for (const row of rows) {
      if (row.kind === 'skipped' || row.kind === 'active') {
        plan.skipped += 1;
        if (row.kind === 'active') plan.active += 1;
        continue;
      }
      const earlier = row.earlier;
      if (earlier === null && row.kind === 'departed') {
        lines.push(row.line);
        departed.push(row.customer);
        continue;
      }
      const errors = row.kind === 'invalid' ? [...row.errors] : [];
      if (earlier !== null) {
        const id = row.kind === 'departed' ? row.customer.externalId : row.id;
        errors.push({
          line: row.line,
          column: this.options.mapping.columns.externalId,
          value: id,
          message: `Customer id "${id}" also appears on line ${earlier}; each customer can appear only once in a file.`,
          said: said('errors.importRow.duplicateId', { id, line: String(earlier) }),
        });
      }
      plan.invalid += 1;
      for (const e of errors) if (plan.errors.length < MAX_ERRORS) plan.errors.push(e);
    }
    if (departed.length === 0) return [];

    // Which of the batch's customers the console has already: one query per batch, not per row.
    const known = knownCustomerCycles(this.db, departed.map((c) => c.externalId));
    const staged: { line: number; data: StagedCustomer; known: boolean }[] = [];
    for (let i = 0; i < departed.length; i += 1) {
      const c = departed[i] as RowCustomer;
      const knownCycle = known.get(c.externalId);
      // Without a departure date a customer stays in the cycle of the import that first brought
      // them: re-importing the same export next month must not move them into next month.
      const cycle =
        (c.departedAt && this.cycleOf(c.departedAt)) || (knownCycle && this.knownCycles.get(knownCycle)) || this.options.importCycle;
      const seen = this.cycles.get(cycle.id);
      if (seen) seen.customers += 1;
      else this.cycles.set(cycle.id, { ...cycle, customers: 1 });
      if (c.phone === null && c.email === null) plan.noContact += 1;
      if (c.statedReason !== null) {
        const key = this.reasonKey(c.statedReason);
        if (!this.phrases.has(key)) {
          const u = this.unmapped.get(key);
          if (u) u.customers += 1;
          else this.unmapped.set(key, { text: c.statedReason, customers: 1 });
        }
      }
      const isKnown = known.has(c.externalId);
      if (isKnown) plan.updatedCount += 1;
      else plan.newCount += 1;
      staged.push({ line: lines[i] as number, data: { ...c, cycleId: cycle.id }, known: isKnown });
    }
    return staged;
  }

  /** The plan once every row is in. `sawHeader`: whether the file had a header line at all. */
  finish(sawHeader: boolean): ImportPlan {
    if (!sawHeader) throw new ImportFileError(said('errors.importFile.empty'));
    const plan = this.plan;
    if (plan.newCount + plan.updatedCount + plan.skipped + plan.invalid === 0) {
      throw new ImportFileError(said('errors.importFile.headerNoRows'), 1);
    }
    plan.unmapped = [...this.unmapped.values()].sort((a, b) => b.customers - a.customers || a.text.localeCompare(b.text));
    plan.cycles = [...this.cycles.values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    plan.warnings = planWarnings(plan, this.options.mapping);
    // Slashed dates the first rows did not show: the manager is asked all the same.
    const dateColumns = [this.options.mapping.columns.departedAt, this.options.mapping.columns.lastActivityAt];
    if (!plan.dates.slashed && plan.errors.some((e) => e.value !== null && dateColumns.includes(e.column ?? undefined) && slashedParts(e.value) !== null)) {
      plan.dates = { ...plan.dates, slashed: true };
    }
    return plan;
  }

  private cycleOf(day: string): CyclePeriod {
    let cycle = this.cycleOfDay.get(day);
    if (cycle === undefined) {
      cycle = cycleFor(day, this.options.cycleKind);
      this.cycleOfDay.set(day, cycle);
    }
    return cycle;
  }

  private reasonKey(text: string): string {
    let key = this.reasonKeys.get(text);
    if (key === undefined) {
      key = normalizeReasonText(text);
      this.reasonKeys.set(text, key);
    }
    return key;
  }
}
