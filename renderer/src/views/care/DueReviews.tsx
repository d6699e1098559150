import './care.css';
import { useEffect } from 'react';
import type { DueReview } from '../../../../shared/api/care';
import { useAppStore } from '../../store';
import { Day } from './Day';

export interface DueReviewsViewProps {
  items: DueReview[];
  onOpen: (enrolmentId: string) => void;
}

/** The owner's due and overdue intensive-care reviews, compact, for the top of their queue. */
export function DueReviewsView({ items, onOpen }: DueReviewsViewProps) {
  if (items.length === 0) return null;
  return (
    <section className="due-reviews" aria-labelledby="due-reviews-title">
      <h2 id="due-reviews-title">
        Reviews due <span className="muted">({items.length})</span>
      </h2>
      <ul aria-label="Intensive-care reviews due">
        {items.map((item) => {
          const who = item.name ?? item.externalId;
          return (
            <li key={item.enrolmentId} className={`care-${item.reviewState}`}>
              <span className="due-name">{who}</span>
              <span className={`care-state care-state-${item.reviewState}`}>{item.reviewStateText}</span>
              <span className="muted">
                <Day day={item.nextReviewOn} />
              </span>
              <button type="button" onClick={() => onOpen(item.enrolmentId)} aria-label={`Open review of ${who}`}>
                Open review
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
    void load();
  }, [load]);
  return <DueReviewsView items={items} onOpen={(id) => void open(id)} />;
}
