import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { TemplateKind } from '../../shared/domain/outreachTemplate';
import { wonBackSql } from './wonBack';

export type MessageChannel = 'email' | 'letter';
export type MessageState = 'blocked' | 'ready' | 'queued' | 'sending' | 'dot' | 'sent' | 'failed' | 'exported';

export interface OutreachRow {
  id: string;
  name: string;
  issue_id: string | null;
  kind: TemplateKind;
  what_changed: string | null;
  fixed_on: string | null;
  by_call: number;
  message_channel: MessageChannel | null;
  codes_valid_until: string | null;
  window_closes_on: string | null;
  excluded: string;
  created_by: string | null;
  created_at: string;
}

export function insertOutreach(db: Db, row: OutreachRow): void {
  prepared(
    db,
    `INSERT INTO outreaches (id, name, issue_id, kind, what_changed, fixed_on, by_call, message_channel, codes_valid_until,
       window_closes_on, excluded, created_by, created_at)
     VALUES (@id, @name, @issue_id, @kind, @what_changed, @fixed_on, @by_call, @message_channel, @codes_valid_until,
       @window_closes_on, @excluded, @created_by, @created_at)`,
  ).run(row);
}

export function getOutreach(db: Db, id: string): OutreachRow | undefined {
  return prepared(db, 'SELECT * FROM outreaches WHERE id = ?').get(id) as OutreachRow | undefined;
}

export function listOutreaches(db: Db, issueId?: string): OutreachRow[] {
  return (
    issueId === undefined
      ? prepared(db, 'SELECT * FROM outreaches ORDER BY created_at DESC, id').all()
      : prepared(db, 'SELECT * FROM outreaches WHERE issue_id = ? ORDER BY created_at DESC, id').all(issueId)
  ) as OutreachRow[];
}

export interface MemberRow {
  outreach_id: string;
  customer_id: number;
  by_call: number;
  requeued: number;
  message_state: MessageState | null;
  problem: string | null;
  template_id: string | null;
  to_address: string | null;
  subject: string | null;
  body: string | null;
  message_id: string | null;
  offer_id: string | null;
  code: string | null;
  code_expires_on: string | null;
  unsubscribe_url: string | null;
  composed_at: string | null;
  attempts: number;
  uncertain: number;
  next_attempt_at: string | null;
  sent_at: string | null;
  exported_at: string | null;
  /** The language the message was written in: its unsubscribe line is said in it (migration 25). */
  language: string;
}

export type MemberWrite = Omit<MemberRow, 'attempts' | 'uncertain' | 'next_attempt_at' | 'sent_at' | 'exported_at'>;

export function insertMember(db: Db, m: MemberWrite): void {
  prepared(
    db,
    `INSERT INTO outreach_members (outreach_id, customer_id, by_call, requeued, message_state, problem, template_id, to_address,
       subject, body, message_id, offer_id, code, code_expires_on, unsubscribe_url, composed_at, language)
     VALUES (@outreach_id, @customer_id, @by_call, @requeued, @message_state, @problem, @template_id, @to_address,
       @subject, @body, @message_id, @offer_id, @code, @code_expires_on, @unsubscribe_url, @composed_at, @language)`,
  ).run(m);
}

/** A message composed again (templates edited after the outreach was built); only while nothing left the desk. */
export function rewriteMessage(
  db: Db,
  m: Pick<MemberRow, 'outreach_id' | 'customer_id' | 'message_state' | 'problem' | 'template_id' | 'subject' | 'body' | 'offer_id' | 'code' | 'code_expires_on' | 'composed_at' | 'language'>,
): void {
  expectOneRow(
    prepared(
      db,
      `UPDATE outreach_members SET message_state = @message_state, problem = @problem, template_id = @template_id,
         subject = @subject, body = @body, offer_id = @offer_id, code = @code, code_expires_on = @code_expires_on, composed_at = @composed_at,
         language = @language
       WHERE outreach_id = @outreach_id AND customer_id = @customer_id AND message_state IN ('blocked', 'ready')`,
    ).run(m),
    'rewriteMessage',
  );
}

export function getMember(db: Db, outreachId: string, customerId: number): MemberRow | undefined {
  return prepared(db, 'SELECT * FROM outreach_members WHERE outreach_id = ? AND customer_id = ?').get(outreachId, customerId) as MemberRow | undefined;
}

export function listMembers(db: Db, outreachId: string): MemberRow[] {
  return prepared(db, 'SELECT * FROM outreach_members WHERE outreach_id = ? ORDER BY customer_id').all(outreachId) as MemberRow[];
}

export interface MemberListRow {
  customer_id: number;
  external_id: string;
  name: string | null;
  monthly_revenue: number | null;
  by_call: number;
  requeued: number;
  message_state: MessageState | null;
  problem: string | null;
  to_address: string | null;
  uncertain: number;
  sent_at: string | null;
  called_at: string | null;
  call_outcome: string | null;
}

/** A page of an outreach's customers with what happened to each: the message, and the first call after it was built. */
export function memberPage(db: Db, outreachId: string, filter: { state?: MessageState | 'call' | undefined; limit: number; offset: number }): { rows: MemberListRow[]; total: number } {
  const where = ['m.outreach_id = @id'];
  if (filter.state === 'call') where.push('m.by_call = 1');
  else if (filter.state) where.push('m.message_state = @state');
  const params = { id: outreachId, state: filter.state ?? null, limit: filter.limit, offset: filter.offset };
  const total = prepared(db, `SELECT count(*) AS n FROM outreach_members m WHERE ${where.join(' AND ')}`).get(params) as { n: number };
  const rows = prepared(
    db,
    `SELECT m.customer_id, c.external_id, c.name, c.monthly_revenue, m.by_call, m.requeued, m.message_state, m.problem,
       m.to_address, m.uncertain, m.sent_at, k.completed_at AS called_at, k.outcome AS call_outcome
     FROM outreach_members m
     JOIN outreaches o ON o.id = m.outreach_id
     JOIN customers c ON c.id = m.customer_id
     LEFT JOIN calls k ON k.id = (SELECT k2.id FROM calls k2 WHERE k2.customer_id = m.customer_id AND k2.completed_at > o.created_at
       ORDER BY k2.completed_at, k2.id LIMIT 1)
     WHERE ${where.join(' AND ')}
     ORDER BY c.monthly_revenue DESC NULLS LAST, m.customer_id LIMIT @limit OFFSET @offset`,
  ).all(params) as MemberListRow[];
  return { rows, total: total.n };
}

export interface OutreachFigures {
  members: number;
  by_call: number;
  requeued: number;
  blocked: number;
  ready: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  exported: number;
  uncertain: number;
  /** Called after the outreach was built and reached (an outcome other than no answer or wrong number). */
  reached_by_call: number;
  /** Told: their message was sent or handed over in an export, or a call reached them. */
  told: number;
  came_back: number;
  revenue_back: number;
}

const REACHED = `EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = m.customer_id AND k.completed_at > o.created_at
  AND k.outcome NOT IN ('no_answer', 'wrong_number'))`;

/** Counts for an outreach's page and its issue's "after the fix": computed on every read. */
export function outreachFigures(db: Db, outreachId: string): OutreachFigures {
  const row = prepared(
    db,
    `SELECT count(*) AS members,
       coalesce(sum(m.by_call), 0) AS by_call,
       coalesce(sum(m.requeued), 0) AS requeued,
       coalesce(sum(m.message_state = 'blocked'), 0) AS blocked,
       coalesce(sum(m.message_state = 'ready'), 0) AS ready,
       coalesce(sum(m.message_state = 'queued'), 0) AS queued,
       coalesce(sum(m.message_state IN ('sending', 'dot')), 0) AS sending,
       coalesce(sum(m.message_state = 'sent'), 0) AS sent,
       coalesce(sum(m.message_state = 'failed'), 0) AS failed,
       coalesce(sum(m.message_state = 'exported'), 0) AS exported,
       coalesce(sum(m.uncertain), 0) AS uncertain,
       coalesce(sum(m.by_call = 1 AND ${REACHED}), 0) AS reached_by_call,
       coalesce(sum(m.message_state IN ('sent', 'exported') OR (m.by_call = 1 AND ${REACHED})), 0) AS told,
       coalesce(sum(${wonBackSql('m.customer_id', 'o.created_at')}), 0) AS came_back,
       total(CASE WHEN ${wonBackSql('m.customer_id', 'o.created_at')} THEN c.monthly_revenue END) AS revenue_back
     FROM outreach_members m
     JOIN outreaches o ON o.id = m.outreach_id
     JOIN customers c ON c.id = m.customer_id
     WHERE m.outreach_id = ?`,
  ).get(outreachId) as OutreachFigures;
  return { ...row, revenue_back: Math.round(row.revenue_back * 100) / 100 };
}

/** Offer codes are single-use across calls and outreaches alike. */
export function outreachCodeExists(db: Db, code: string): boolean {
  return prepared(db, 'SELECT 1 FROM outreach_members WHERE code = ?').get(code) !== undefined;
}
