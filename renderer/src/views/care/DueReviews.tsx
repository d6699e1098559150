import './care.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueReview } from '../../../../shared/api/care';
import { useAppStore } from '../../store';
import { Day } from './Day';
import { localToday, reviewStateText } from './reviewState';
import { afterFirstRows } from '../../lib/afterFirstRows';
import { formatCount } from '../../lib/format';

export interface DueReviewsViewProps {
  items: DueReview[];
  onOpen: (enrolmentId: string) => void;
  /** The day the dates are counted from; the desk's own when not given. */
  today?: string | undefined;
}

/** The owner's due and overdue intensive-care reviews, compact, for the top of their queue. */
export function DueReviewsView({ items, onOpen, today = localToday() }: DueReviewsViewProps) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="due-reviews" aria-labelledby="due-reviews-title">
      <h2 id="due-reviews-title">
        {t('care.due.title')} <span className="muted">({formatCount(items.length)})</span>
      </h2>
      <ul aria-label={t('care.due.list')}>
        {items.map((item) => {
          const who = item.name ?? item.externalId;
          return (
            <li key={item.enrolmentId} className={`care-${item.reviewState}`}>
              <span className="due-name">{who}</span>
              <span className={`care-state care-state-${item.reviewState}`}>{reviewStateText(t, item.nextReviewOn, today)}</span>
              <span className="muted">
                <Day day={item.nextReviewOn} />
              </span>
              <button type="button" onClick={() => onOpen(item.enrolmentId)} aria-label={t('care.table.openReviewOf', { name: who })}>
                {t('care.table.openReview')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Loads the signed-in person's due reviews; shows nothing while there are none. */
export function DueReviews() {
  const items = useAppStore((s) => s.dueReviews);
  const load = useAppStore((s) => s.loadDueReviews);
  const open = useAppStore((s) => s.openReview);
  useEffect(() => {
    afterFirstRows(() => void load());
  }, [load]);
  return <DueReviewsView items={items} onOpen={(id) => void open(id)} />;
}
