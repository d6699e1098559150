import type { OutreachSummary } from '../../../shared/api/outreach';
import type { Person } from '../../../shared/api/session';
import { audit } from '../../../db/repos/audit';
import { getOutreach, listMembers, rewriteMessage } from '../../../db/repos/outreach';
import { customerFacts } from '../../../db/repos/outreachFacts';
import type { ServiceDeps } from '../types';
import { composeFor, composeKit } from './compose';
import { readSender } from './settings';
import { outreachSummary } from './summaries';
import { appError } from '../i18n/errors';
import { keepSaid } from '../../../shared/i18n/kept';

/**
 * Writes again the messages that have not left the desk (ready, or blocked on a missing value),
 * after a template or the company name was fixed. A code already issued for a message stays its
 * code; a message queued, sent or exported is never changed.
 */
export function recomposeOutreach(deps: ServiceDeps, user: Person, id: string): OutreachSummary {
  const { db } = deps;
  const outreach = getOutreach(db, id);
  if (!outreach) throw appError('not_found', 'outreach.notFound');
  const at = deps.now().toISOString();
  const today = at.slice(0, 10);
  const facts = {
    whatChanged: outreach.what_changed,
    fixedOn: outreach.fixed_on,
    codesValidUntil: outreach.codes_valid_until,
    windowClosesOn: outreach.window_closes_on,
    company: readSender(db).company,
  };
  db.transaction(() => {
    const kit = composeKit(db);
    let rewritten = 0;
    for (const m of listMembers(db, id)) {
      if (m.message_state !== 'ready' && m.message_state !== 'blocked') continue;
      const c = customerFacts(db, m.customer_id);
      if (!c) continue;
      const composed = composeFor(db, kit, facts, c, { kind: outreach.kind, codes: { mode: 'keep', code: m.code }, today });
      rewriteMessage(db, {
        outreach_id: id,
        customer_id: m.customer_id,
        message_state: composed.ok ? 'ready' : 'blocked',
        problem: composed.ok ? null : keepSaid(composed.problem),
        template_id: composed.templateId,
        subject: composed.ok ? composed.subject : null,
        body: composed.ok ? composed.body : null,
        offer_id: composed.ok ? composed.offerId : m.offer_id,
        code: composed.ok ? composed.code : m.code,
        code_expires_on: composed.ok ? composed.codeExpiresOn : m.code_expires_on,
        composed_at: composed.ok ? at : m.composed_at,
        // Written again in the language the organisation writes in now: nothing of it has left the desk.
        language: composed.ok ? kit.language : m.language,
      });
      rewritten += 1;
    }
    audit(db, { at, actorId: user.id, action: 'outreach.recompose', entity: 'outreach', entityId: id, detail: { rewritten } });
  })();
  return outreachSummary(db, id);
}
