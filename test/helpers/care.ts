import type { CallState } from '../../shared/domain/callMachine';
import type { Outcome } from '../../shared/domain/outcomes';
import { call } from './backend';
import type { TestBackend } from './backend';
import { fullCall } from './callFixtures';

/**
 * Runs a whole call through the real call service and completes it with an outcome; the clock the
 * backend reads must already stand at the moment the call ends.
 */
export async function completeCallWith(
  b: TestBackend,
  customerId: number,
  outcome: Outcome,
  over: Partial<CallState> = {},
): Promise<string> {
  const session = await call(b.dispatch, 'call.start', { customerId });
  const state = fullCall(session.state, { outcome, ...over });
  if (outcome === 'considering') state.reactivationUntil = '2099-01-31';
  if (outcome === 'callback') state.callbackLocal = '2099-01-31T10:00';
  const done = await call(b.dispatch, 'call.complete', { state });
  return done.callId;
}

/** The enrolment rows as stored, for assertions about what a user would see change. */
export function enrolments(b: TestBackend): { id: string; customer_id: number; owner_id: string; recovered_on: string; next_review_on: string | null; status: string; relost_on: string | null }[] {
  return b.db
    .prepare('SELECT id, customer_id, owner_id, recovered_on, next_review_on, status, relost_on FROM care_enrolments ORDER BY enrolled_at, rowid')
    .all() as never;
}

export function outboxOf(b: TestBackend, kind: string): Record<string, unknown>[] {
  return (b.db.prepare('SELECT payload FROM outbox WHERE kind = ? ORDER BY seq').pluck().all(kind) as string[]).map((p) => JSON.parse(p) as Record<string, unknown>);
}

/** Every row of the tables intensive care writes, to prove a refused change left them alone. */
export function careSnapshot(b: TestBackend): string {
  const dump = (table: string) => JSON.stringify(b.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all());
  return ['care_enrolments', 'care_reviews', 'care_indicators', 'outbox', 'audit_log'].map(dump).join('\n');
}
