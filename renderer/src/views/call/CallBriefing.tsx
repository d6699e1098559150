import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCustomer } from '../../../../shared/api/call';
import { formatDate, formatMoney } from '../../lib/format';
import { PhoneLink } from '../../components/PhoneLink';
import type { ContactBlock } from '../../../../shared/domain/permissions';
import { tenureText } from './words';

/** The facts an agent glances at while dialling: one line under the call's title. */
export function CallFacts({ customer, block }: { customer: CallCustomer; block?: ContactBlock | null }) {
  const { t } = useTranslation();
  const facts = [
    customer.phone === null ? (customer.email ?? t('call.facts.noContact')) : null,
    t('call.facts.perMonth', { amount: formatMoney(customer.monthlyRevenue) }),
    tenureText(t, customer.tenureMonths),
    customer.product,
    customer.segment,
    customer.attempts > 0 ? t('call.facts.attempts', { count: customer.attempts }) : null,
  ].filter(Boolean);
  return (
    <p className="call-facts">
      {customer.phone !== null && (
        <>
          <PhoneLink number={customer.phone} shortcut="Alt+D" customerId={customer.id} block={block ?? customer.callBlock} />
          {' · '}
        </>
      )}
      {facts.join(' · ')}
    </p>
  );
}

/** What the team already tried: every earlier call, who made it, how it ended, what was done and offered. */
export function CallHistory({ customer }: { customer: CallCustomer }) {
  const { t } = useTranslation();
  if (customer.history.length === 0) return <p className="muted">{t('call.history.first')}</p>;
  const list = (items: string[]) => items.join(', ');
  return (
    <ul aria-label={t('call.history.label')} className="history">
      {customer.history.map((h) => {
        const did = list(h.assistActions.map((a) => t(`call.assistActions.${a}`)));
        const offered = list(h.offers.map((o) => t('call.history.offerAnswer', { name: o.name, answer: t(`call.offerAnswersInline.${o.answer}`) })));
        return (
          <li key={h.callId}>
            {t('call.history.entry', { date: formatDate(h.at), caller: h.caller, role: t(`role.${h.callerRole}`), outcome: t(`call.outcomes.${h.outcome}`) })}
            {h.reason ? t('call.history.reason', { reason: h.reason }) : ''}
            {did ? t('call.history.did', { actions: did }) : ''}
            {h.assistNote ? ` (${h.assistNote})` : ''}
            {offered ? t('call.history.offered', { offers: offered }) : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** The executive's briefing: value, history, stated reason, what was tried, in one glance. */
export function Briefing({ customer }: { customer: CallCustomer }) {
  const { t } = useTranslation();
  const stated = customer.statedReason
    ? customer.statedReasonName
      ? t('call.briefing.statedQuotedNamed', { words: customer.statedReason, reason: customer.statedReasonName })
      : t('call.briefing.statedQuoted', { words: customer.statedReason })
    : t('call.briefing.nothingOnRecord');
  const rows: [string, ReactNode][] = [
    [t('call.briefing.value'), t('call.briefing.valueText', { amount: formatMoney(customer.monthlyRevenue), tenure: tenureText(t, customer.tenureMonths) })],
    [t('call.briefing.productSegment'), [customer.product, customer.segment].filter(Boolean).join(', ') || t('common.none')],
    [t('call.briefing.statedReason'), stated],
    [t('call.briefing.leftOn'), formatDate(customer.departedAt)],
    [t('call.briefing.servedBy'), [customer.frontlineRep, customer.frontlineTeam].filter(Boolean).join(', ') || t('common.none')],
    [t('call.briefing.contact'), customer.phone !== null ? <PhoneLink key="phone" number={customer.phone} /> : (customer.email ?? t('common.none'))],
  ];
  return (
    <section aria-labelledby="briefing-title" className="briefing">
      <h2 id="briefing-title">{t('call.briefing.title')}</h2>
      <dl className="card-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {customer.notes && <p>{customer.notes}</p>}
      <h3>{t('call.briefing.tried')}</h3>
      <CallHistory customer={customer} />
    </section>
  );
}
