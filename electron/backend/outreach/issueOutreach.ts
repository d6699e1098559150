import { randomUUID } from 'node:crypto';
import type { Audience, MessageChannel, OutreachSummary } from '../../../shared/api/outreach';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { getIssueFix, saveIssueFix } from '../../../db/repos/issueFixes';
import { getIssueRow, updateIssueRow } from '../../../db/repos/issues';
import { insertMember, insertOutreach } from '../../../db/repos/outreach';
import { customerFacts, type CustomerFactsRow } from '../../../db/repos/outreachFacts';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { wonBackSql } from '../../../db/repos/wonBack';
import { prepared } from '../../../db/statements';
import type { ServiceDeps } from '../types';
import { composeFor, composeKit, type OutreachFacts } from './compose';
import { ensureContactsFresh } from '../../../db/repos/permissions';
import { mayContact, type ContactChannel } from './mayContact';
import { messageIdDomain, readSender } from './settings';
import { addDays } from './templates';
import { outreachSummary } from './summaries';
import { appError } from '../i18n/errors';
import { keepSaid, readKept } from '../../../shared/i18n/kept';
import { said, type Said } from '../../../shared/i18n/said';

/** How long a code handed out in an outreach stays valid, unless the outreach says otherwise. */
export const CODE_VALID_DAYS = 30;

/**
 * Departed customers behind an issue, as its page counts them (db/repos/issues.ts): stated one of
 * its reasons, diagnosed with one on a call, or on one of its linked calls; less those won back.
 */
function issueCandidates(db: Db, issueId: string): number[] {
  return db
    .prepare(
      `WITH affected AS (
         SELECT c.id AS customer_id FROM issue_reasons ir JOIN customers c ON c.stated_reason_id = ir.reason_id WHERE ir.issue_id = @id
         UNION
         SELECT k.customer_id FROM issue_reasons ir
           JOIN call_reasons cr ON cr.reason_id = ir.reason_id AND cr.is_primary = 1
           JOIN calls k ON k.id = cr.call_id WHERE ir.issue_id = @id
         UNION
         SELECT k.customer_id FROM issue_calls ic JOIN calls k ON k.id = ic.call_id WHERE ic.issue_id = @id
       )
       SELECT a.customer_id FROM affected a WHERE NOT ${wonBackSql('a.customer_id')} ORDER BY a.customer_id`,
    )
    .pluck()
    .all({ id: issueId }) as number[];
}

interface Choice {
  byCall: boolean;
  messageChannel: MessageChannel | null;
}

interface Placed {
  facts: CustomerFactsRow;
  byCall: boolean;
  message: boolean;
}

function messageContact(channel: MessageChannel): ContactChannel {
  return channel === 'email' ? 'email' : 'post';
}

/** Who of the candidates can be reached on the chosen channels; the others with why. */
function place(db: Db, candidates: readonly number[], choice: Choice, now: Date): { placed: Placed[]; excluded: Map<string, number> } {
  // Flags worked out once for the whole audience, not on the first customer's question.
  ensureContactsFresh(db, now);
  const placed: Placed[] = [];
  const excluded = new Map<string, number>();
  for (const id of candidates) {
    const facts = customerFacts(db, id);
    if (!facts) continue;
    const phone = choice.byCall ? mayContact(db, id, 'phone', facts, now) : null;
    const message = choice.messageChannel !== null ? mayContact(db, id, messageContact(choice.messageChannel), facts, now) : null;
    const byCall = phone?.ok === true;
    const byMessage = message?.ok === true;
    if (byCall || byMessage) {
      placed.push({ facts, byCall, message: byMessage });
      continue;
    }
    const whys = new Map<string, Said>();
    for (const r of [phone, message]) if (r && !r.ok) whys.set(keepSaid(r.why), r.why);
    const [first, second] = [...whys.values()];
    if (first === undefined) continue;
    // Kept as the sentence's JSON (shared/i18n/kept.ts): counted by it, said in each reader's language.
    const why = keepSaid(second === undefined ? first : said('outreach.leftOutWhy.both', { first, second }));
    excluded.set(why, (excluded.get(why) ?? 0) + 1);
  }
  return { placed, excluded };
}

function assertChoice(choice: Choice): void {
  if (!choice.byCall && choice.messageChannel === null) throw appError('invalid_input', 'outreach.issue.chooseChannel');
}

function fixedIssue(db: Db, issueId: string) {
  const issue = getIssueRow(db, issueId);
  if (!issue) throw appError('not_found', 'issues.notFound');
  const fix = getIssueFix(db, issueId);
  if (issue.status !== 'fixed' || !fix) {
    throw appError('conflict', 'outreach.issue.fixFirst');
  }
  return { issue, fix };
}

export function issueAudience(deps: ServiceDeps, input: { issueId: string } & Choice): Audience {
  assertChoice(input);
  const { db } = deps;
  fixedIssue(db, input.issueId);
  const candidates = issueCandidates(db, input.issueId);
  const { placed, excluded } = place(db, candidates, input, deps.now());
  return {
    candidates: candidates.length,
    included: placed.length,
    revenue: Math.round(placed.reduce((s, p) => s + (p.facts.monthly_revenue ?? 0), 0) * 100) / 100,
    excluded: [...excluded].map(([why, customers]) => ({ why: readKept(why), customers })).sort((a, b) => b.customers - a.customers),
  };
}

/** Marks an issue fixed with the sentence customers will read and the date the fix took effect. */
export function fixIssue(deps: ServiceDeps, user: Person, input: { issueId: string; whatChanged: string; fixedOn: string }): { fix: { whatChanged: string; fixedOn: string } } {
  const { db } = deps;
  const issue = getIssueRow(db, input.issueId);
  if (!issue) throw appError('not_found', 'issues.notFound');
  const now = deps.now();
  const at = now.toISOString();
  if (Number.isNaN(Date.parse(`${input.fixedOn}T00:00:00Z`))) throw appError('invalid_input', 'common.notADate', { value: input.fixedOn });
  if (input.fixedOn > at.slice(0, 10)) throw appError('invalid_input', 'outreach.issue.fixInFuture');
  db.transaction(() => {
    // The fix date starts the issue's "after the fix" trend too.
    updateIssueRow(db, { ...issue, status: 'fixed', updated_at: at, fixed_at: `${input.fixedOn}T00:00:00.000Z` });
    saveIssueFix(db, { issue_id: issue.id, what_changed: input.whatChanged, fixed_on: input.fixedOn, recorded_by: user.id, recorded_at: at });
    audit(db, { at, actorId: user.id, action: 'issue.fix', entity: 'issue', entityId: issue.id, detail: { from: issue.status, fixedOn: input.fixedOn } });
  })();
  return { fix: { whatChanged: input.whatChanged, fixedOn: input.fixedOn } };
}

/** Their last outcome had closed them (declined) or their attempts ran out: a fixed issue is a new reason to call. */
function requeue(db: Db, customerId: number, maxAttempts: number, at: string): boolean {
  const result = prepared(
    db,
    `UPDATE customers SET last_outcome = NULL, attempts = 0, updated_at = @at
     WHERE id = @id AND (last_outcome = 'declined' OR attempts >= @max) AND do_not_contact = 0`,
  ).run({ id: customerId, max: maxAttempts, at });
  return result.changes === 1;
}

/**
 * Builds the outreach of a fixed issue in one transaction: its customers with the channels each
 * can be reached on, every message written (or the field it lacks, for that customer), codes
 * issued where a message carries one, and the customers to call put back in the queue. Nothing
 * is delivered yet: the manager previews, then exports or sends.
 */
export function buildIssueOutreach(deps: ServiceDeps, user: Person, input: { issueId: string } & Choice): OutreachSummary {
  assertChoice(input);
  const { db } = deps;
  const { issue, fix } = fixedIssue(db, input.issueId);
  const sender = readSender(db);
  if (input.messageChannel === 'email' && sender.fromAddress === null) {
    throw appError('conflict', 'outreach.senderFirst');
  }
  const now = deps.now();
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const id = randomUUID();
  const facts: OutreachFacts = {
    whatChanged: fix.what_changed,
    fixedOn: fix.fixed_on,
    codesValidUntil: addDays(today, CODE_VALID_DAYS),
    windowClosesOn: null,
    company: sender.company,
  };
  const { maxAttempts } = readQueueSettings(db);
  const domain = sender.fromAddress === null ? null : messageIdDomain(sender.fromAddress);
  db.transaction(() => {
    const { placed, excluded } = place(db, issueCandidates(db, issue.id), input, now);
    if (placed.length === 0) {
      throw appError('conflict', 'outreach.issue.nobodyReachable');
    }
    insertOutreach(db, {
      id,
      name: `We fixed it: ${issue.title}`,
      issue_id: issue.id,
      kind: 'what_changed',
      what_changed: fix.what_changed,
      fixed_on: fix.fixed_on,
      by_call: input.byCall ? 1 : 0,
      message_channel: input.messageChannel,
      codes_valid_until: facts.codesValidUntil,
      window_closes_on: null,
      excluded: JSON.stringify(Object.fromEntries(excluded)),
      created_by: user.id,
      created_at: at,
    });
    const kit = composeKit(db);
    for (const p of placed) {
      const composed = p.message ? composeFor(db, kit, facts, p.facts, { kind: 'what_changed', codes: { mode: 'issue' }, today }) : null;
      insertMember(db, {
        outreach_id: id,
        customer_id: p.facts.id,
        by_call: p.byCall ? 1 : 0,
        requeued: p.byCall && requeue(db, p.facts.id, maxAttempts, at) ? 1 : 0,
        message_state: composed === null ? null : composed.ok ? 'ready' : 'blocked',
        problem: composed !== null && !composed.ok ? keepSaid(composed.problem) : null,
        template_id: composed?.templateId ?? null,
        to_address: p.message && input.messageChannel === 'email' ? p.facts.email : null,
        subject: composed?.ok ? composed.subject : null,
        body: composed?.ok ? composed.body : null,
        message_id: composed !== null && domain !== null ? `<${id}.${p.facts.id}@${domain}>` : null,
        offer_id: composed?.ok ? composed.offerId : null,
        code: composed?.ok ? composed.code : null,
        code_expires_on: composed?.ok ? composed.codeExpiresOn : null,
        unsubscribe_url: null,
        composed_at: composed?.ok ? at : null,
        language: kit.language,
      });
    }
    audit(db, {
      at,
      actorId: user.id,
      action: 'outreach.build',
      entity: 'outreach',
      entityId: id,
      detail: { issue: issue.id, members: placed.length, byCall: input.byCall, messageChannel: input.messageChannel },
    });
  })();
  return outreachSummary(db, id);
}
