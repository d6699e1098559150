import type { Db } from '../open';

export interface IndicatorValues {
  serviceContacts: number | null;
  purchases: number | null;
  spend: number | null;
  supportTickets: number | null;
  satisfaction: number | null;
}

export interface ImportedIndicatorsRow {
  enrolment_id: string;
  service_contacts: number | null;
  purchases: number | null;
  spend: number | null;
  support_tickets: number | null;
  satisfaction: number | null;
  imported_at: string;
  file_name: string;
}

/**
 * Stores indicators for an enrolment's next review. A blank value keeps what an earlier file gave:
 * one file may carry purchases and another satisfaction.
 */
export function prepareIndicatorUpsert(db: Db): (enrolmentId: string, v: IndicatorValues, meta: { importedAt: string; fileName: string; importedBy: string | null }) => void {
  const stmt = db.prepare(
    `INSERT INTO care_indicators (enrolment_id, service_contacts, purchases, spend, support_tickets, satisfaction, imported_at, file_name, imported_by)
     VALUES (@enrolmentId, @serviceContacts, @purchases, @spend, @supportTickets, @satisfaction, @importedAt, @fileName, @importedBy)
     ON CONFLICT(enrolment_id) DO UPDATE SET
       service_contacts = coalesce(excluded.service_contacts, care_indicators.service_contacts),
       purchases = coalesce(excluded.purchases, care_indicators.purchases),
       spend = coalesce(excluded.spend, care_indicators.spend),
       support_tickets = coalesce(excluded.support_tickets, care_indicators.support_tickets),
       satisfaction = coalesce(excluded.satisfaction, care_indicators.satisfaction),
       imported_at = excluded.imported_at, file_name = excluded.file_name, imported_by = excluded.imported_by`,
  );
  return (enrolmentId, v, meta) => stmt.run({ enrolmentId, ...v, ...meta });
}

export function getImportedIndicators(db: Db, enrolmentId: string): ImportedIndicatorsRow | undefined {
  return db.prepare('SELECT * FROM care_indicators WHERE enrolment_id = ?').get(enrolmentId) as ImportedIndicatorsRow | undefined;
}

/** A completed review has used them: the next review starts from the next file. */
export function clearImportedIndicators(db: Db, enrolmentId: string): void {
  db.prepare('DELETE FROM care_indicators WHERE enrolment_id = ?').run(enrolmentId);
}

/** Active enrolments by the customer's external id: the key indicator files use. */
export function activeEnrolmentsByExternalId(db: Db): Map<string, { enrolmentId: string; name: string | null }> {
  const rows = db
    .prepare(
      `SELECT c.external_id, e.id AS enrolment_id, c.name FROM care_enrolments e JOIN customers c ON c.id = e.customer_id
       WHERE e.status = 'active'`,
    )
    .all() as { external_id: string; enrolment_id: string; name: string | null }[];
  return new Map(rows.map((r) => [r.external_id, { enrolmentId: r.enrolment_id, name: r.name }]));
}

export function customerExistsByExternalId(db: Db): (externalId: string) => boolean {
  const stmt = db.prepare('SELECT 1 FROM customers WHERE external_id = ?').pluck();
  return (externalId) => stmt.get(externalId) !== undefined;
}
