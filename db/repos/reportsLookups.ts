import type { Db } from '../open';

export interface ReasonLabel {
  id: string;
  name: string;
  categoryId: string;
  categoryName: string;
  categorySort: number;
  sort: number;
  retired: boolean;
  categoryRetired: boolean;
}

/** Every reason with its category, retired ones included: reports name what history recorded. */
export function listReasonLabels(db: Db): ReasonLabel[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.name, r.category_id, rc.name AS category_name, rc.sort AS category_sort, r.sort,
         r.retired_at IS NOT NULL AS retired, rc.retired_at IS NOT NULL AS category_retired
       FROM reasons r JOIN reason_categories rc ON rc.id = r.category_id
       ORDER BY rc.sort, rc.name, r.sort, r.name`,
    )
    .all() as {
    id: string;
    name: string;
    category_id: string;
    category_name: string;
    category_sort: number;
    sort: number;
    retired: number;
    category_retired: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    categoryId: r.category_id,
    categoryName: r.category_name,
    categorySort: r.category_sort,
    sort: r.sort,
    retired: r.retired === 1,
    categoryRetired: r.category_retired === 1,
  }));
}

export function offerNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM offers').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function peopleById(db: Db): Map<string, { name: string; role: 'agent' | 'executive' | 'manager' }> {
  const rows = db.prepare('SELECT id, name, role FROM people').all() as {
    id: string;
    name: string;
    role: 'agent' | 'executive' | 'manager';
  }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role }]));
}

/**
 * The segments, products and frontline teams a report can be filtered by, as they occur among
 * departed customers: read from the stated-reason summary (a cell per distinct combination, which
 * its triggers keep in step with every customer) rather than the customers table, whose three
 * DISTINCT scans over 100,000 wide rows took 0.3 to 0.8 s on the main thread each time Trends opened.
 */
export function customerFilterValues(db: Db): { segments: string[]; products: string[]; teams: string[] } {
  const rows = db.prepare('SELECT DISTINCT segment, product, team FROM stated_reason_cells').all() as {
    segment: string;
    product: string;
    team: string;
  }[];
  const sorted = (values: Set<string>) => [...values].filter((v) => v !== '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    segments: sorted(new Set(rows.map((r) => r.segment))),
    products: sorted(new Set(rows.map((r) => r.product))),
    teams: sorted(new Set(rows.map((r) => r.team))),
  };
}

/** A cycle by its id or its name, as a person types it on the command line. */
export function findCycleIdByIdOrName(db: Db, idOrName: string): string | undefined {
  return db.prepare('SELECT id FROM cycles WHERE id = ? OR name = ? COLLATE NOCASE').pluck().get(idOrName, idOrName) as
    | string
    | undefined;
}
