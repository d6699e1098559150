import type { ReactNode } from 'react';
import type { CallCustomer } from '../../../../shared/api/call';
import { ASSIST_ACTION_LABELS, OFFER_ANSWER_LABELS } from '../../../../shared/domain/callMachine';
import { OUTCOME_LABELS } from '../../../../shared/domain/outcomes';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { formatDate, formatMoney } from '../../lib/format';
import { PhoneLink } from '../../components/PhoneLink';
import type { ContactBlock } from '../../../../shared/domain/permissions';

export function tenureText(months: number | null): string {
  if (months === null) return 'tenure unknown';
  return months >= 24 ? `${Math.floor(months / 12)} years a customer` : `${months} months a customer`;
}

/** The facts an agent glances at while dialling: one line under the call's title. */
export function CallFacts({ customer, block }: { customer: CallCustomer; block?: ContactBlock | null }) {
  const facts = [
    customer.phone === null ? (customer.email ?? 'no contact details') : null,
    `${formatMoney(customer.monthlyRevenue)}/month`,
    tenureText(customer.tenureMonths),
    customer.product,
    customer.segment,
    customer.attempts > 0 ? `${customer.attempts} earlier attempt${customer.attempts === 1 ? '' : 's'}` : null,
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
  if (customer.history.length === 0) return <p className="muted">No earlier calls: this is the first.</p>;
  return (
    <ul aria-label="What the team already tried" className="history">
      {customer.history.map((h) => {
        const did = h.assistActions.map((a) => ASSIST_ACTION_LABELS[a]).join(', ');
        const offered = h.offers.map((o) => `${o.name} (${OFFER_ANSWER_LABELS[o.answer].toLowerCase()})`).join(', ');
        return (
          <li key={h.callId}>
            {formatDate(h.at)}, {h.caller} ({ROLE_LABELS[h.callerRole]}): {OUTCOME_LABELS[h.outcome]}
            {h.reason ? `; reason ${h.reason}` : ''}
            {did ? `; did: ${did}` : ''}
            {h.assistNote ? ` (${h.assistNote})` : ''}
            {offered ? `; offered: ${offered}` : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** The executive's briefing: value, history, stated reason, what was tried, in one glance. */
export function Briefing({ customer }: { customer: CallCustomer }) {
  const rows: [string, ReactNode][] = [
    ['Value', `${formatMoney(customer.monthlyRevenue)} a month, ${tenureText(customer.tenureMonths)}`],
    ['Product and segment', [customer.product, customer.segment].filter(Boolean).join(', ') || '—'],
    ['Stated reason', customer.statedReason ? `“${customer.statedReason}”${customer.statedReasonName ? ` (${customer.statedReasonName})` : ''}` : 'nothing on record'],
    ['Left on', formatDate(customer.departedAt)],
    ['Served by', [customer.frontlineRep, customer.frontlineTeam].filter(Boolean).join(', ') || '—'],
    ['Contact', customer.phone !== null ? <PhoneLink key="phone" number={customer.phone} /> : (customer.email ?? '—')],
  ];
  return (
    <section aria-labelledby="briefing-title" className="briefing">
      <h2 id="briefing-title">Briefing</h2>
      <dl className="card-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {customer.notes && <p>{customer.notes}</p>}
      <h3>What the team already tried</h3>
      <CallHistory customer={customer} />
    </section>
  );
}
