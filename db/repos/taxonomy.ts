import type { Db } from '../open';

/** Normalised stated-reason text -> specific reason id. */
export function loadReasonPhrases(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT phrase, reason_id FROM reason_phrases').all() as { phrase: string; reason_id: string }[];
  return new Map(rows.map((r) => [r.phrase, r.reason_id]));
}
