import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { Stage } from '../../shared/domain/stages';

/** A completed call's handle time; written once with the call, never by an amendment. */
export function insertCallTimings(db: Db, callId: string, t: { talkMs: number; wrapMs: number; stageMs: Record<Stage, number> }): void {
  expectOneRow(
    prepared(
      db,
      `INSERT INTO call_timings (call_id, talk_ms, wrap_ms, apologize_ms, listen_ms, diagnose_ms, assist_ms, offer_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(callId, t.talkMs, t.wrapMs, t.stageMs.apologize, t.stageMs.listen, t.stageMs.diagnose, t.stageMs.assist, t.stageMs.offer),
    'insertCallTimings',
  );
}
