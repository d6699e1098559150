import { useEffect, useState } from 'react';
import { afterFirstRows, afterNextPaint, firstRowsShown } from '../lib/afterFirstRows';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import type { QueueQuery } from '../../../shared/api/queue';
import type { QueueFilterOptions } from '../store/queueSlice';
import { CustomerCardContainer } from './CustomerCard';
import { GetStarted } from './GetStarted';
import { DueReviews } from './care/DueReviews';
import { Field } from '../components/Field';
import { preloadViews } from './lazyViews';
import { formatCount } from '../lib/format';
import { QueueList } from './queue/QueueList';
import { categoryName } from '../i18n/content';
import './queue.css';

export { QueueList, type QueueListProps } from './queue/QueueList';

export interface QueueFiltersProps {
  options: QueueFilterOptions | null;
  query: QueueQuery;
  onChange: (patch: Partial<QueueQuery>) => void;
}

/** Search, the filters an agent narrows the queue with, and the order. "/" puts the cursor in the search. */
export function QueueFilters({ options, query, onChange }: QueueFiltersProps) {
  const { t } = useTranslation();
  return (
    <div className="queue-filters" role="search" aria-label={t('queue.filters.label')}>
      <label htmlFor="queue-search" className="sr-only">
        {t('queue.filters.search')}
      </label>
      <input
        id="queue-search"
        type="search"
        placeholder={t('queue.filters.searchPlaceholder')}
        aria-keyshortcuts="/"
        value={query.search ?? ''}
        onChange={(e) => onChange({ search: e.target.value || undefined })}
      />
      <Field label={t('queue.filters.segment')}>
        {(id) => (
          <select id={id} value={query.segment ?? ''} onChange={(e) => onChange({ segment: e.target.value || undefined })}>
            <option value="">{t('queue.filters.allSegments')}</option>
            {options?.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('queue.filters.reason')}>
        {(id) => (
          <select
            id={id}
            value={query.reasonCategory ?? ''}
            onChange={(e) => onChange({ reasonCategory: e.target.value || undefined })}
          >
            <option value="">{t('queue.filters.allReasons')}</option>
            {options?.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(t, c.id, c.name)}
              </option>
            ))}
            <option value="unmapped">{t('queue.filters.unmapped')}</option>
          </select>
        )}
      </Field>
      <Field label={t('queue.filters.cycle')}>
        {(id) => (
          <select id={id} value={query.cycleId ?? ''} onChange={(e) => onChange({ cycleId: e.target.value || undefined })}>
            <option value="">{t('queue.filters.allCycles')}</option>
            {options?.cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('queue.filters.order')}>
        {(id) => (
          <select id={id} value={query.sort ?? 'priority'} onChange={(e) => onChange({ sort: e.target.value as QueueQuery['sort'] })}>
            <option value="priority">{t('queue.filters.byPriority')}</option>
            <option value="callable">{t('queue.filters.callableFirst')}</option>
            <option value="revenue">{t('queue.filters.byRevenue')}</option>
          </select>
        )}
      </Field>
      <label className="checkbox queue-callable-filter">
        <input type="checkbox" checked={query.callableNow === true} onChange={(e) => onChange({ callableNow: e.target.checked || undefined })} />
        {t('queue.filters.callableOnly')}
      </label>
    </div>
  );
}

export function QueueContainer() {
  const { t } = useTranslation();
  const items = useAppStore((s) => s.queueItems);
  const total = useAppStore((s) => s.queueTotal);
  const loading = useAppStore((s) => s.queueLoading);
  const loadQueue = useAppStore((s) => s.loadQueueForView);
  const loadFilters = useAppStore((s) => s.loadQueueFilters);
  const options = useAppStore((s) => s.queueFilterOptions);
  const setQuery = useAppStore((s) => s.setQueueQuery);
  const query = useAppStore((s) => s.queueQuery);
  const selectedId = useAppStore((s) => s.selectedCustomerId);
  const select = useAppStore((s) => s.selectCustomer);
  const requestFocus = useAppStore((s) => s.requestFocus);
  const focusRequest = useAppStore((s) => s.focusRequest);

  const [loadedOnce, setLoadedOnce] = useState(false);
  useEffect(() => {
    // The other views' scripts load once the queue is on screen, never before it.
    void loadQueue()
      .then(() => setLoadedOnce(true))
      .finally(() => {
        preloadViews();
        afterNextPaint(firstRowsShown);
      });
    afterFirstRows(() => void loadFilters());
  }, [loadQueue, loadFilters]);

  const filtered = Boolean(query.search || query.segment || query.reasonCategory || query.cycleId || query.callableNow);
  // Once known to be empty, the queue stays so while it is asked again (no flicker between the two).
  const empty = loadedOnce && total === 0 && !filtered;
  const selected = items.find((i) => i.id === selectedId) ?? null;
  return (
    <div className="queue-layout">
      <section className="queue-pane" aria-labelledby="queue-title">
        <div className="queue-head">
          <h1 id="queue-title">{t('queue.title')}</h1>
          <p className="muted" aria-live="polite">
            {loading ? t('common.loading') : t('queue.toCall', { count: total, total: formatCount(total) })}
          </p>
        </div>
        {/* Intensive-care reviews that are due come back to their owner like callbacks. */}
        <DueReviews />
        <QueueFilters options={options} query={query} onChange={setQuery} />
        {empty ? (
          <GetStarted />
        ) : (
          <QueueList
            items={items}
            selectedId={selectedId}
            onSelect={select}
            onOpen={(id) => {
              select(id);
              requestFocus('card');
            }}
            focusSignal={focusRequest?.target === 'queue' ? focusRequest.n : undefined}
          />
        )}
      </section>
      <aside className="card-pane" aria-label={t('queue.cardPane')}>
        {selectedId !== null ? (
          <CustomerCardContainer id={selectedId} why={selected?.why ?? null} />
        ) : (
          <p className="muted">{t('queue.chooseCustomer')}</p>
        )}
      </aside>
    </div>
  );
}
