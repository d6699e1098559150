import type { HandlerGroup } from '../types';
import { LANGUAGES, PSEUDO_LANGUAGES } from '../../../shared/i18n/languages';
import { translatorFor } from '../i18n';
import { consentHistory, consentOf, insertConsent, toAnswer } from '../../../db/repos/consents';
import { getCustomerRow } from '../../../db/repos/customers';
import { getCallOpening } from '../../../db/repos/callOpenings';
import { audit } from '../../../db/repos/audit';
import { addEntry, applyLedger, ledgerValue } from '../permissions/ledger';
import { appError } from '../i18n/errors';

/** Consent per channel, recorded on the call as the customer gave it. */
export const consentHandlers: HandlerGroup<'consent.record' | 'consent.get'> = {
  'consent.record': (deps, input, ctx) => {
    const { db } = deps;
    const customer = getCustomerRow(db, input.customerId);
    if (!customer) throw appError('not_found', 'customer.notFound', { id: String(input.customerId) });
    const opening = getCallOpening(db, input.callId);
    if (!opening || opening.customer_id !== customer.id) throw appError('conflict', 'consent.startCallFirst');
    // The words the agent read are the words kept: a window showing an older question is told so.
    // Each desk reads the question in its agent's language; any shipped wording of this channel's question is the question.
    const wordings = [...LANGUAGES, ...PSEUDO_LANGUAGES].map((language) => translatorFor(language)(`content.consent.${input.channel}`));
    if (!wordings.includes(input.wording)) throw appError('conflict', 'consent.questionChanged');
    const now = deps.now();
    db.transaction(() => {
      insertConsent(db, {
        customer_id: customer.id,
        call_id: input.callId,
        channel: input.channel,
        answer: input.answer,
        wording: input.wording,
        asked_at: now.toISOString(),
        agent_id: ctx.user.id,
        agent_name: ctx.user.name,
      });
      if (input.answer === 'no' && input.channel !== 'post') {
        // On the number or address itself where there is one, so every desk knows it; else on the customer.
        const kind = input.channel === 'phone' ? 'phone' : 'email';
        const value = input.channel === 'phone' ? customer.phone : customer.email;
        const usable = value !== null && ledgerValue(db, kind, value).ok;
        addEntry(
          db,
          ctx.user,
          {
            kind: usable ? kind : 'customer',
            value: usable && value !== null ? value : customer.external_id,
            scope: input.channel === 'phone' ? 'call' : 'email',
            source: 'customer',
            note: `Said no when asked: "${input.wording}"`,
            expiresAt: null,
          },
          now,
        );
        applyLedger(db, now);
      }
      audit(db, { at: now.toISOString(), actorId: ctx.user.id, action: 'consent.record', entity: 'consents', detail: { channel: input.channel, answer: input.answer, count: 1 } });
    })();
    return consentOf(db, customer.id);
  },
  'consent.get': (deps, input) => {
    if (!getCustomerRow(deps.db, input.customerId)) throw appError('not_found', 'customer.notFound', { id: String(input.customerId) });
    return { latest: consentOf(deps.db, input.customerId), history: consentHistory(deps.db, input.customerId).map(toAnswer) };
  },
};
