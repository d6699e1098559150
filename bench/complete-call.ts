import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import { fillDeparted } from './lib/fixtures';
import { recoveredCall } from './lib/calls';
import { measurePair } from './lib/measure';
import { judged, type Benchmark } from './types';

const NOW = new Date('2026-11-16T15:00:00Z');
const STARTED = new Date(NOW.getTime() - 12 * 60_000).toISOString();

/**
 * Completing a guided call, as the agent presses "Complete": `call.complete` through the
 * dispatcher (the role check, the zod parse of the whole call state) and the call service, which
 * writes the call, its five stages, two reasons, the offers with a single-use code, the frontline
 * feedback, the customer's attempt and outcome, the intensive-care enrolment with its audit entry,
 * the draft's removal and two hub events, in one durable transaction (WAL, synchronous=FULL), on a
 * console holding 100,000 departed customers.
 *
 * Baseline: the same rows, written raw with statements prepared once, in one transaction on the
 * same database (another customer each time). The benchmark checks that both wrote the same
 * number of rows to every table.
 */
export const completeCallBenchmark: Benchmark = {
  name: 'complete call',
  run: async (ctx) => {
    const customers = ctx.quick ? 10_000 : 100_000;
    const dbPath = join(ctx.dir, 'calls.db');
    const fill = openDatabase(dbPath);
    fillDeparted(fill, customers, NOW);
    fill.close();

    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    try {
      const session = await backend.dispatch('session.setup', { name: 'Bench Agent 0', role: 'agent' });
      if (!session.ok) throw new Error(`session.setup failed: ${session.error.message}`);
      const db = backend.db;
      // Fresh customers, never called: the real path and the baseline take them in turn.
      const ids = db.prepare('SELECT id FROM customers WHERE last_outcome IS NULL ORDER BY id').pluck().all() as number[];
      let next = 0;
      const nextCustomer = () => {
        const id = ids[next];
        next += 1;
        if (id === undefined) throw new Error('The benchmark ran out of customers to call.');
        return id;
      };

      const realCalls: string[] = [];
      const complete = async () => {
        const state = recoveredCall(randomUUID(), nextCustomer(), STARTED);
        const r = await backend.dispatch('call.complete', { state });
        if (!r.ok) throw new Error(`call.complete failed: ${r.error.message}`);
        realCalls.push(state.callId);
      };
      // The first call shows which offers the playbook proposes for this reason; the baseline writes the same.
      await complete();
      const probe = realCalls[0] ?? '';
      const raw = rawCompletion(db, db.prepare('SELECT offer_id, answer, code IS NOT NULL AS coded FROM call_offers WHERE call_id = ?').all(probe) as ProbeOffer[]);
      const rawCalls: string[] = [];
      const baseline = () => {
        rawCalls.push(raw(nextCustomer()));
      };

      const iterations = ctx.quick ? 60 : 300;
      const [real, bare] = await measurePair(complete, baseline, { warmup: 10, iterations, rounds: 6 });
      const problems = compareRows(db, realCalls.at(-1) ?? '', rawCalls.at(-1) ?? '');
      return [
        {
          ...judged({
            name: 'complete a call (one durable transaction)',
            value: real.median,
            unit: 'ms',
            target: 2,
            baseline: bare.median,
            ratioTarget: null,
            note:
              `median of ${real.samples} completed calls on ${customers.toLocaleString('en-US')} departed customers; p95 ${real.p95.toFixed(2)} ms.` +
              (problems.length > 0
                ? ` BASELINE INVALID: ${problems.join('; ')}; update bench/complete-call.ts.`
                : ' Baseline verified: the same number of rows in every table.'),
          }),
          ...(problems.length > 0 ? { pass: false } : {}),
        },
      ];
    } finally {
      backend.close();
    }
  },
};

interface ProbeOffer {
  offer_id: string;
  answer: string;
  coded: number;
}

/** Rows that belong to one call, table by table. */
function rowsOfCall(db: Db, callId: string): Record<string, number> {
  const count = (sql: string) => db.prepare(sql).pluck().get(callId) as number;
  return {
    calls: count('SELECT count(*) FROM calls WHERE id = ?'),
    call_stages: count('SELECT count(*) FROM call_stages WHERE call_id = ?'),
    call_reasons: count('SELECT count(*) FROM call_reasons WHERE call_id = ?'),
    call_offers: count('SELECT count(*) FROM call_offers WHERE call_id = ?'),
    feedback: count('SELECT count(*) FROM feedback WHERE call_id = ?'),
    care_enrolments: count('SELECT count(*) FROM care_enrolments WHERE recovery_call_id = ?'),
    audit_log: count(`SELECT count(*) FROM audit_log WHERE json_extract(detail, '$.callId') = ?`),
    outbox: count(`SELECT count(*) FROM outbox WHERE json_extract(payload, '$.callId') = ?`),
  };
}

function compareRows(db: Db, realCall: string, rawCall: string): string[] {
  const a = rowsOfCall(db, realCall);
  const b = rowsOfCall(db, rawCall);
  return Object.keys(a)
    .filter((t) => a[t] !== b[t])
    .map((t) => `${t}: ${a[t]} rows for call.complete, ${b[t]} for the baseline`);
}

/**
 * The same writes done the plainest fast way: statements prepared once, one transaction, values
 * made up front. Returns the call's id.
 */
function rawCompletion(db: Db, offers: ProbeOffer[]): (customerId: number) => string {
  const call = db.prepare(
    `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, callback_at,
       callback_local, reactivation_until, customer_words, reason_confirmed, offer_skipped_because, summary)
     VALUES (?, ?, ?, 'agent', (SELECT cycle_id FROM customers WHERE id = ?), ?, ?, 'recovered', NULL, NULL, NULL, ?, 1, NULL, ?)`,
  );
  const stage = db.prepare('INSERT INTO call_stages (call_id, stage, note, detail) VALUES (?, ?, ?, ?)');
  const reason = db.prepare('INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, ?)');
  const offer = db.prepare('INSERT INTO call_offers (call_id, offer_id, code, answer) VALUES (?, ?, ?, ?)');
  const feedback = db.prepare(
    `INSERT INTO feedback (id, call_id, customer_id, frontline_rep, frontline_team, text, status, created_at)
     VALUES (?, ?, ?, 'Bench Rep 1', 'Team 1', 'Explain price changes before the bill arrives.', 'new', ?)`,
  );
  const customer = db.prepare(
    `UPDATE customers SET attempts = attempts + 1, last_outcome = 'recovered', callback_at = NULL, updated_at = ? WHERE id = ?`,
  );
  const enrol = db.prepare(
    `INSERT INTO care_enrolments (id, customer_id, recovery_call_id, recovered_on, owner_id, next_review_on, enrolled_at)
     VALUES (?, ?, ?, '2026-11-16', ?, '2026-12-16', ?)`,
  );
  const audit = db.prepare(
    "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail) VALUES (?, ?, 'care.enrol', 'care_enrolment', ?, ?)",
  );
  const draft = db.prepare("DELETE FROM call_drafts WHERE customer_id = ? AND json_extract(state, '$.callId') = ?");
  const event = db.prepare('INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)');
  const callerId = db.prepare("SELECT id FROM people WHERE name = 'Bench Agent 0' AND role = 'agent'").pluck().get() as string;
  const now = NOW.toISOString();

  return (customerId) => {
    const callId = randomUUID();
    db.transaction(() => {
      call.run(callId, customerId, callerId, customerId, STARTED, now, 'The bill went up twice this year and nobody told me why.', 'Recovered with the loyalty discount.');
      stage.run(callId, 'apologize', 'Apologised for the bill shock', '{}');
      stage.run(callId, 'listen', '', '{}');
      stage.run(callId, 'diagnose', '', '{"categoryId":"price","confirmed":true}');
      stage.run(callId, 'assist', 'Refunded the double charge', '{"actions":["fixed_billing"]}');
      stage.run(callId, 'offer', '', '{"skippedBecause":null}');
      reason.run(callId, 'price.too-expensive', 1);
      reason.run(callId, 'price.extra-charges', 0);
      offers.forEach((o, i) => offer.run(callId, o.offer_id, o.coded ? `WB-${callId.slice(0, 8)}-${i}` : null, o.answer));
      const feedbackId = randomUUID();
      feedback.run(feedbackId, callId, customerId, now);
      customer.run(now, customerId);
      const enrolment = randomUUID();
      enrol.run(enrolment, customerId, callId, callerId, now);
      audit.run(now, callerId, enrolment, JSON.stringify({ callId, recoveredOn: '2026-11-16' }));
      draft.run(customerId, callId);
      event.run(
        randomUUID(),
        'call.completed',
        JSON.stringify({
          callId,
          externalId: `BENCH-${customerId}`,
          cycle: 'November 2026',
          completedAt: now,
          callerId,
          callerName: 'Bench Agent 0',
          callerRole: 'agent',
          outcome: 'recovered',
          reasonConfirmed: true,
          diagnosedReasons: [
            { reasonId: 'price.too-expensive', categoryId: 'price', primary: true },
            { reasonId: 'price.extra-charges', categoryId: 'price', primary: false },
          ],
          offers: offers.map((o) => ({ offerId: o.offer_id, answer: o.answer })),
          monthlyRevenue: 50,
          segment: 'Month-to-month',
          product: 'DSL',
          statedReasonId: 'price.too-expensive',
          frontlineTeam: 'Team 1',
        }),
        now,
      );
      event.run(
        randomUUID(),
        'feedback.recorded',
        JSON.stringify({
          feedbackId,
          callId,
          frontlineRep: 'Bench Rep 1',
          frontlineTeam: 'Team 1',
          reasonId: 'price.too-expensive',
          text: 'Explain price changes before the bill arrives.',
          status: 'new',
        }),
        now,
      );
    })();
    return callId;
  };
}
