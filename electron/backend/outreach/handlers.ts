import { searchCustomers } from '../../../db/repos/outreachFacts';
import { getIssueFix } from '../../../db/repos/issueFixes';
import { getIssueRow } from '../../../db/repos/issues';
import { getOutreach } from '../../../db/repos/outreach';
import { audit } from '../../../db/repos/audit';
import type { HandlerGroup, ServiceDeps } from '../types';
import { outreachCsv, outreachEmlZip } from './export';
import { ensureUnsubscribeLinks, pullObjections } from './hubLinks';
import { buildIssueOutreach, fixIssue, issueAudience } from './issueOutreach';
import { recomposeOutreach } from './recompose';
import { queueOutreach, testRelay } from './sender';
import { nudgeOutreachSender } from './senderLoop';
import { readOutreachSettings, readSmtpConfig, saveOutreachSettings } from './settings';
import { callNotes, outreachList, outreachMembers, outreachMessage, outreachSummary } from './summaries';
import { previewTemplate, retireTemplate, saveTemplate, templateList } from './templates';
import { appError } from '../i18n/errors';

function issueOutreaches(deps: ServiceDeps, issueId: string) {
  const issue = getIssueRow(deps.db, issueId);
  if (!issue) throw appError('not_found', 'issues.notFound');
  const fix = getIssueFix(deps.db, issueId);
  return {
    fixed: issue.status === 'fixed',
    fix: fix ? { whatChanged: fix.what_changed, fixedOn: fix.fixed_on } : null,
    outreaches: outreachList(deps.db, issueId),
  };
}

/** Queues an outreach's emails for the relay, after giving each its unsubscribe link, and wakes the sender. */
async function sendOutreach(deps: ServiceDeps, actorId: string, id: string) {
  const { db } = deps;
  const outreach = getOutreach(db, id);
  if (!outreach) throw appError('not_found', 'outreach.notFound');
  if (outreach.message_channel !== 'email') throw appError('conflict', 'outreach.send.emailsOnly');
  if (!readSmtpConfig(db)) throw appError('conflict', 'outreach.send.noRelay');
  await ensureUnsubscribeLinks(deps, id);
  const at = deps.now().toISOString();
  db.transaction(() => {
    const queued = queueOutreach(db, id, at);
    if (queued === 0) throw appError('conflict', 'outreach.send.noneReady');
    audit(db, { at, actorId, action: 'outreach.send', entity: 'outreach', entityId: id, detail: { queued } });
  })();
  nudgeOutreachSender(db);
  return outreachSummary(db, id);
}

export const outreachHandlers: HandlerGroup<
  | 'outreach.templates.list'
  | 'outreach.templates.save'
  | 'outreach.templates.retire'
  | 'outreach.preview'
  | 'outreach.customers.search'
  | 'outreach.issue'
  | 'outreach.issue.fix'
  | 'outreach.issue.audience'
  | 'outreach.issue.build'
  | 'outreach.list'
  | 'outreach.get'
  | 'outreach.members'
  | 'outreach.message'
  | 'outreach.recompose'
  | 'outreach.export'
  | 'outreach.send'
  | 'outreach.settings.get'
  | 'outreach.settings.set'
  | 'outreach.smtp.test'
  | 'outreach.objections.pull'
  | 'outreach.callNote'
> = {
  'outreach.templates.list': (deps) => templateList(deps.db),
  'outreach.templates.save': (deps, input, ctx) => saveTemplate(deps, ctx.user, input),
  'outreach.templates.retire': (deps, input, ctx) => retireTemplate(deps, ctx.user, input),
  'outreach.preview': (deps, input) => previewTemplate(deps, input),
  'outreach.customers.search': (deps, input) => ({
    items: searchCustomers(deps.db, input.query, 20).map((c) => ({ id: c.id, externalId: c.external_id, name: c.name })),
  }),
  'outreach.issue': (deps, input) => issueOutreaches(deps, input.issueId),
  'outreach.issue.fix': (deps, input, ctx) => fixIssue(deps, ctx.user, input),
  'outreach.issue.audience': (deps, input) => issueAudience(deps, input),
  'outreach.issue.build': (deps, input, ctx) => buildIssueOutreach(deps, ctx.user, input),
  'outreach.list': (deps) => ({ items: outreachList(deps.db) }),
  'outreach.get': (deps, input) => outreachSummary(deps.db, input.id),
  'outreach.members': (deps, input) => outreachMembers(deps.db, input),
  'outreach.message': (deps, input) => outreachMessage(deps.db, input),
  'outreach.recompose': (deps, input, ctx) => recomposeOutreach(deps, ctx.user, input.id),
  'outreach.export': async (deps, input, ctx) => {
    if (input.format === 'csv') {
      const csv = await outreachCsv(deps, ctx.user.id, input.id);
      return { fileName: csv.fileName, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(csv.text, 'utf8').toString('base64'), messages: csv.messages };
    }
    const zip = await outreachEmlZip(deps, ctx.user.id, input.id);
    return { fileName: zip.fileName, mimeType: 'application/zip', base64: zip.bytes.toString('base64'), messages: zip.messages };
  },
  'outreach.send': (deps, input, ctx) => sendOutreach(deps, ctx.user.id, input.id),
  'outreach.settings.get': (deps) => readOutreachSettings(deps.db),
  'outreach.settings.set': (deps, input, ctx) => {
    const saved = saveOutreachSettings(deps.db, input);
    // Which settings changed, never their values: the password must not reach the audit log either.
    audit(deps.db, { at: deps.now().toISOString(), actorId: ctx.user.id, action: 'outreach.settings', entity: 'settings', detail: { smtp: input.smtp !== null, passwordChanged: input.smtp?.password !== undefined } });
    nudgeOutreachSender(deps.db);
    return saved;
  },
  'outreach.smtp.test': (deps) => testRelay(deps.db),
  'outreach.objections.pull': (deps) => pullObjections(deps),
  'outreach.callNote': (deps, input) => callNotes(deps.db, input.customerId),
};
