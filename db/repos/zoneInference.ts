import type { Db } from '../open';

/**
 * Customers whose record names no time zone and whose zone has not been worked out yet. A customer
 * whose file later gives a zone keeps it: a record's own zone always wins over an inferred one.
 */
export function customersWithoutZone(db: Db): { id: number; phone: string }[] {
  return db
    .prepare('SELECT id, phone FROM customers WHERE timezone IS NULL AND timezone_source IS NULL AND phone IS NOT NULL')
    .all() as { id: number; phone: string }[];
}

/** Records the zones inferred for customers; a row of one zone has it as its only candidate. */
export function recordInferredZones(db: Db, rows: readonly { id: number; zones: string[]; source: string }[]): void {
  const update = db.prepare('UPDATE customers SET timezone_candidates = ?, timezone_source = ? WHERE id = ?');
  for (const r of rows) update.run(JSON.stringify(r.zones), r.source, r.id);
}

/**
 * Records the zones an import's address columns gave, by customer id: they replace a zone inferred
 * earlier (an address is narrower than a phone's country code) but never a zone the record names.
 */
export function recordAddressZones(db: Db, rows: readonly { externalId: string; zones: string[]; source: string }[]): void {
  const update = db.prepare('UPDATE customers SET timezone_candidates = ?, timezone_source = ? WHERE external_id = ? AND timezone IS NULL');
  for (const r of rows) update.run(JSON.stringify(r.zones), r.source, r.externalId);
}
