import type { Db } from '../open';

/** Every recovery that still counts (not taken back by a correction), with what won the customer back. */
export interface EpisodeRow {
  enrolment_id: string;
  recovered_on: string;
  relost_on: string | null;
  monthly_revenue: number | null;
  reason_id: string | null;
  reason_name: string | null;
  category_name: string | null;
  offer_id: string | null;
  offer_name: string | null;
}

export function listRecoveryEpisodes(db: Db): EpisodeRow[] {
  return db
    .prepare(
      `SELECT e.id AS enrolment_id, e.recovered_on, CASE WHEN e.status = 'relost' THEN e.relost_on END AS relost_on,
         c.monthly_revenue, r.id AS reason_id, r.name AS reason_name, rc.name AS category_name,
         (SELECT co.offer_id FROM call_offers co JOIN offers o ON o.id = co.offer_id
            WHERE co.call_id = e.recovery_call_id AND co.answer = 'accepted' ORDER BY o.name LIMIT 1) AS offer_id,
         (SELECT o.name FROM call_offers co JOIN offers o ON o.id = co.offer_id
            WHERE co.call_id = e.recovery_call_id AND co.answer = 'accepted' ORDER BY o.name LIMIT 1) AS offer_name
       FROM care_enrolments e
       JOIN customers c ON c.id = e.customer_id
       LEFT JOIN call_reasons cr ON cr.call_id = e.recovery_call_id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       LEFT JOIN reason_categories rc ON rc.id = r.category_id
       WHERE e.status IN ('active', 'relost')`,
    )
    .all() as EpisodeRow[];
}
