import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutreachSummary } from '../../../../shared/api/outreach';
import { formatMoney } from '../../lib/format';
import type { Kept } from '../../../../shared/i18n/kept';
import { sayKept } from '../../i18n/said';

/**
 * Who was left out of an outreach and why, each reason with its count: "Left out: Marked do not
 * contact (1)." A reason is kept by key and said in the reader's language; one stored before that, as written.
 */
export function leftOut(t: TFunction, excluded: readonly { why: Kept; customers: number }[]): string {
  return t('outreach.detail.leftOut', { list: excluded.map((e) => t('outreach.detail.leftOutItem', { why: sayKept(e.why, t), count: e.customers })).join('; ') });
}

/** The figures a manager reads after the fix: customers told, customers who came back, revenue back. */
export function OutreachFigures({ outreach }: { outreach: OutreachSummary }) {
  const { t } = useTranslation();
  const f = outreach.figures;
  const delivered = [
    f.sent > 0 ? t('outreach.figures.emailed', { count: f.sent }) : null,
    f.exported > 0 ? t('outreach.figures.exported', { count: f.exported }) : null,
    f.reachedByCall > 0 ? t('outreach.figures.byPhone', { count: f.reachedByCall }) : null,
  ].filter((x): x is string => x !== null);
  const waiting = [
    f.ready > 0 ? t('outreach.figures.ready', { count: f.ready }) : null,
    f.queued + f.sending > 0 ? t('outreach.figures.waiting', { count: f.queued + f.sending }) : null,
    f.blocked > 0 ? t('outreach.figures.blocked', { count: f.blocked }) : null,
    f.failed > 0 ? t('outreach.figures.failed', { count: f.failed }) : null,
    f.byCall - f.reachedByCall > 0 ? t('outreach.figures.toCall', { count: f.byCall - f.reachedByCall }) : null,
  ].filter((x): x is string => x !== null);
  const sentences = [
    delivered.length > 0 ? t('outreach.figures.sentence', { list: delivered.join(', ') }) : null,
    waiting.length > 0 ? t('outreach.figures.sentence', { list: waiting.join(', ') }) : null,
    f.uncertain > 0 ? t('outreach.figures.uncertain', { count: f.uncertain }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <dl className="outreach-figures" aria-label={t('outreach.figures.label')}>
      <div>
        <dt>{t('outreach.figures.told')}</dt>
        <dd>{t('outreach.figures.toldOf', { told: f.told, members: f.members })}</dd>
      </div>
      <div>
        <dt>{t('outreach.figures.cameBack')}</dt>
        <dd>{t('outreach.figures.cameBackCount', { count: f.cameBack })}</dd>
      </div>
      <div>
        <dt>{t('outreach.figures.revenueBack')}</dt>
        <dd>{formatMoney(f.revenueBack)}</dd>
      </div>
      <p className="muted">{sentences.join(' ')}</p>
    </dl>
  );
}
