import type { OutreachSummary } from '../../../../shared/api/outreach';
import { formatMoney } from '../../lib/format';

/** The figures a manager reads after the fix: customers told, customers who came back, revenue back. */
export function OutreachFigures({ outreach }: { outreach: OutreachSummary }) {
  const f = outreach.figures;
  const delivered = [
    f.sent > 0 ? `${f.sent} emailed` : null,
    f.exported > 0 ? `${f.exported} handed over in an export` : null,
    f.reachedByCall > 0 ? `${f.reachedByCall} reached by phone` : null,
  ].filter((x): x is string => x !== null);
  const waiting = [
    f.ready > 0 ? `${f.ready} ready` : null,
    f.queued + f.sending > 0 ? `${f.queued + f.sending} waiting to send` : null,
    f.blocked > 0 ? `${f.blocked} cannot be written` : null,
    f.failed > 0 ? `${f.failed} refused by the relay` : null,
    f.byCall - f.reachedByCall > 0 ? `${f.byCall - f.reachedByCall} still to call` : null,
  ].filter((x): x is string => x !== null);
  return (
    <dl className="outreach-figures" aria-label="After the fix">
      <div>
        <dt>Customers told</dt>
        <dd>
          {f.told} of {f.members}
        </dd>
      </div>
      <div>
        <dt>Came back</dt>
        <dd>{f.cameBack}</dd>
      </div>
      <div>
        <dt>Revenue back (monthly)</dt>
        <dd>{formatMoney(f.revenueBack)}</dd>
      </div>
      <p className="muted">
        {delivered.length > 0 ? `${delivered.join(', ')}. ` : ''}
        {waiting.length > 0 ? `${waiting.join(', ')}.` : ''}
        {f.uncertain > 0 ? ` ${f.uncertain} sent again after an interruption: the relay may hold two copies with the same Message-ID.` : ''}
      </p>
    </dl>
  );
}
