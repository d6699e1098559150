import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { ConsentAnswer, ConsentChannel } from '../../shared/domain/consent';
import type { ConsentAnswerRecord, ConsentLatest } from '../../shared/api/consent';

export interface ConsentRow {
  id: number;
  customer_id: number;
  call_id: string;
  channel: ConsentChannel;
  answer: ConsentAnswer;
  wording: string;
  asked_at: string;
  agent_id: string;
  agent_name: string;
}

export function insertConsent(db: Db, c: Omit<ConsentRow, 'id'>): void {
  expectOneRow(
    prepared(
      db,
      `INSERT INTO consents (customer_id, call_id, channel, answer, wording, asked_at, agent_id, agent_name)
       VALUES (@customer_id, @call_id, @channel, @answer, @wording, @asked_at, @agent_id, @agent_name)`,
    ).run(c),
    'insertConsent',
  );
}

/** Every answer of a customer, newest first. */
export function consentHistory(db: Db, customerId: number): ConsentRow[] {
  return prepared(db, 'SELECT * FROM consents WHERE customer_id = ? ORDER BY asked_at DESC, id DESC').all(customerId) as ConsentRow[];
}

/** The latest answer per channel: the one that counts. */
export function latestConsents(db: Db, customerId: number): Map<ConsentChannel, ConsentRow> {
  const latest = new Map<ConsentChannel, ConsentRow>();
  for (const row of consentHistory(db, customerId)) if (!latest.has(row.channel)) latest.set(row.channel, row);
  return latest;
}

export function toAnswer(r: ConsentRow): ConsentAnswerRecord {
  return { channel: r.channel, answer: r.answer, wording: r.wording, at: r.asked_at, by: r.agent_name, callId: r.call_id };
}

export function consentOf(db: Db, customerId: number): ConsentLatest {
  const latest = latestConsents(db, customerId);
  const of = (c: 'phone' | 'email' | 'post') => {
    const row = latest.get(c);
    return row ? toAnswer(row) : null;
  };
  return { phone: of('phone'), email: of('email'), post: of('post') };
}

