import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';

/** Pauses and the floor's pause reasons (migration 016). */
export interface PauseReasonRow {
  id: string;
  label: string;
  position: number;
}

export interface PauseRow {
  id: string;
  person_id: string;
  reason_id: string;
  reason_label: string;
  started_at: string;
  ended_at: string | null;
}

export function listPauseReasons(db: Db): PauseReasonRow[] {
  return prepared(db, 'SELECT id, label, position FROM pause_reasons ORDER BY position, id').all() as PauseReasonRow[];
}

/** Replaces the whole list (a manager's edit, or the hub's list arriving). Call inside a transaction. */
export function replacePauseReasons(db: Db, list: readonly { id: string; label: string }[]): void {
  prepared(db, 'DELETE FROM pause_reasons').run();
  const insert = prepared(db, 'INSERT INTO pause_reasons (id, label, position) VALUES (?, ?, ?)');
  list.forEach((r, position) => insert.run(r.id, r.label, position));
}

export function openPauseOf(db: Db, personId: string): PauseRow | undefined {
  return prepared(db, 'SELECT * FROM pauses WHERE person_id = ? AND ended_at IS NULL').get(personId) as PauseRow | undefined;
}

export function insertPause(db: Db, p: { id: string; personId: string; reasonId: string; reasonLabel: string; startedAt: string }): void {
  expectOneRow(
    prepared(db, 'INSERT INTO pauses (id, person_id, reason_id, reason_label, started_at) VALUES (@id, @personId, @reasonId, @reasonLabel, @startedAt)').run(p),
    'insertPause',
  );
}

export function endPause(db: Db, id: string, endedAt: string): void {
  expectOneRow(prepared(db, 'UPDATE pauses SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, id), 'endPause');
}

export interface PauseTotalRow {
  person_id: string;
  person: string;
  role: string;
  reason_id: string;
  reason: string;
  pauses: number;
  /** Seconds of pause inside the range; a pause still open counts up to `until`. */
  seconds: number;
  longest_seconds: number;
}

/**
 * Pause time per person and reason over [from, until): each pause clipped to the range, so a pause
 * across midnight counts in each day for its part. Times are ISO-8601 UTC text; julianday does the
 * arithmetic in days.
 */
export function pauseTotals(db: Db, range: { from: string; until: string }, personId?: string): PauseTotalRow[] {
  return prepared(
    db,
    `WITH clipped AS (
       SELECT p.person_id, p.reason_id, p.reason_label,
              max(julianday(p.started_at), julianday(@from)) AS s,
              min(julianday(coalesce(p.ended_at, @until)), julianday(@until)) AS e
       FROM pauses p
       WHERE p.started_at < @until AND coalesce(p.ended_at, @until) > @from
         AND (@personId IS NULL OR p.person_id = @personId)
     )
     SELECT c.person_id, pe.name AS person, pe.role, c.reason_id,
            (SELECT c2.reason_label FROM clipped c2 WHERE c2.person_id = c.person_id AND c2.reason_id = c.reason_id ORDER BY c2.s DESC LIMIT 1) AS reason,
            count(*) AS pauses,
            CAST(round(sum(c.e - c.s) * 86400) AS INTEGER) AS seconds,
            CAST(round(max(c.e - c.s) * 86400) AS INTEGER) AS longest_seconds
     FROM clipped c JOIN people pe ON pe.id = c.person_id
     GROUP BY c.person_id, c.reason_id
     ORDER BY pe.name, seconds DESC, c.reason_id`,
  ).all({ from: range.from, until: range.until, personId: personId ?? null }) as PauseTotalRow[];
}
