import type { Member, MessageState, OutreachSummary, Preview } from '../../../shared/api/outreach';
import type { Db } from '../../../db/open';
import { getPerson } from '../../../db/repos/people';
import { getTemplate } from '../../../db/repos/outreachTemplates';
import { getMember, getOutreach, listOutreaches, memberPage, outreachFigures, type OutreachRow } from '../../../db/repos/outreach';
import { unsubscribeFooter } from './footer';
import { readSender } from './settings';
import { appError } from '../i18n/errors';
import { readKept } from '../../../shared/i18n/kept';
import { said } from '../../../shared/i18n/said';

function toSummary(db: Db, row: OutreachRow): OutreachSummary {
  const f = outreachFigures(db, row.id);
  const excluded = JSON.parse(row.excluded) as Record<string, number>;
  return {
    id: row.id,
    name: row.name,
    issueId: row.issue_id,
    kind: row.kind,
    whatChanged: row.what_changed,
    fixedOn: row.fixed_on,
    byCall: row.by_call === 1,
    messageChannel: row.message_channel,
    codesValidUntil: row.codes_valid_until,
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : (getPerson(db, row.created_by)?.name ?? null),
    excluded: Object.entries(excluded)
      .map(([why, customers]) => ({ why: readKept(why), customers }))
      .sort((a, b) => b.customers - a.customers),
    figures: {
      members: f.members,
      byCall: f.by_call,
      requeued: f.requeued,
      blocked: f.blocked,
      ready: f.ready,
      queued: f.queued,
      sending: f.sending,
      sent: f.sent,
      failed: f.failed,
      exported: f.exported,
      uncertain: f.uncertain,
      reachedByCall: f.reached_by_call,
      told: f.told,
      cameBack: f.came_back,
      revenueBack: f.revenue_back,
    },
  };
}

export function outreachSummary(db: Db, id: string): OutreachSummary {
  const row = getOutreach(db, id);
  if (!row) throw appError('not_found', 'outreach.notFound');
  return toSummary(db, row);
}

export function outreachList(db: Db, issueId?: string): OutreachSummary[] {
  return listOutreaches(db, issueId).map((r) => toSummary(db, r));
}

export function outreachMembers(db: Db, input: { id: string; state?: MessageState | 'call' | undefined; limit: number; offset: number }): { items: Member[]; total: number } {
  if (!getOutreach(db, input.id)) throw appError('not_found', 'outreach.notFound');
  const { rows, total } = memberPage(db, input.id, input);
  return {
    total,
    items: rows.map((r) => ({
      customerId: r.customer_id,
      externalId: r.external_id,
      name: r.name,
      monthlyRevenue: r.monthly_revenue,
      byCall: r.by_call === 1,
      requeued: r.requeued === 1,
      messageState: r.message_state,
      problem: r.problem === null ? null : readKept(r.problem),
      to: r.to_address,
      uncertain: r.uncertain === 1,
      sentAt: r.sent_at,
      calledAt: r.called_at,
      callOutcome: r.call_outcome,
    })),
  };
}

/** One customer's message as built: what will be (or was) delivered, footer included for email. */
export function outreachMessage(db: Db, input: { id: string; customerId: number }): Preview {
  const outreach = getOutreach(db, input.id);
  if (!outreach) throw appError('not_found', 'outreach.notFound');
  const m = getMember(db, input.id, input.customerId);
  if (!m || m.message_state === null) throw appError('not_found', 'outreach.noMessageForCustomer');
  const template = m.template_id === null ? undefined : getTemplate(db, m.template_id);
  if (m.message_state === 'blocked' || m.subject === null || m.body === null) {
    return { ok: false, templateId: m.template_id, templateName: template?.name ?? null, problem: m.problem !== null ? readKept(m.problem) : said('errors.outreach.notWritten') };
  }
  const footer = outreach.message_channel === 'email' ? unsubscribeFooter(m.unsubscribe_url, readSender(db).replyTo, m.language) : '';
  return {
    ok: true,
    templateId: m.template_id ?? '',
    templateName: template?.name ?? '',
    to: m.to_address,
    subject: m.subject,
    body: `${m.body}${footer}`,
    sampleCode: false,
  };
}

/** For the call screen: what changed since this customer left, from outreaches that put them on a call list and before that call. */
export function callNotes(db: Db, customerId: number): { notes: { whatChanged: string; fixedOn: string | null; issueTitle: string | null }[] } {
  const rows = db
    .prepare(
      `SELECT o.what_changed, o.fixed_on, i.title AS issue_title
       FROM outreach_members m
       JOIN outreaches o ON o.id = m.outreach_id
       LEFT JOIN issues i ON i.id = o.issue_id
       WHERE m.customer_id = ? AND m.by_call = 1 AND o.what_changed IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = m.customer_id AND k.completed_at > o.created_at
           AND k.outcome NOT IN ('no_answer', 'wrong_number'))
       ORDER BY o.created_at DESC`,
    )
    .all(customerId) as { what_changed: string; fixed_on: string | null; issue_title: string | null }[];
  return { notes: rows.map((r) => ({ whatChanged: r.what_changed, fixedOn: r.fixed_on, issueTitle: r.issue_title })) };
}
