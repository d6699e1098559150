import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../store';
import type { QueueItem, QueueQuery } from '../../../shared/api/queue';
import type { QueueFilterOptions } from '../store/queueSlice';
import { CustomerCardContainer } from './CustomerCard';
import { GetStarted } from './GetStarted';
import { DueReviews } from './care/DueReviews';
import { formatMoney } from '../lib/format';
import { Field } from '../components/Field';
import { preloadViews } from './lazyViews';
import './queue.css';

const ROW_HEIGHT = 92;

export interface QueueListProps {
  items: QueueItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

function callStatus(item: QueueItem): string {
  if (item.callableNow) return `${item.localTime} their time`;
  return `Cannot be dialled now. ${item.notCallableBecause ?? ''}`;
}

/** The queue as a virtualised list: only the rows on screen are in the DOM, so 200,000 stay fast. */
export function QueueList({ items, selectedId, onSelect }: QueueListProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // jsdom and the first paint have no layout yet; start with a screenful.
    initialRect: { width: 800, height: 640 },
  });
  return (
    <div ref={parentRef} className="queue-scroll">
      <ul aria-label="Customers to call" className="queue-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <li
              key={item.id}
              className={`queue-row ${item.id === selectedId ? 'selected' : ''} ${item.callableNow ? '' : 'not-callable'}`}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              <button
                type="button"
                className="queue-open"
                onClick={() => onSelect(item.id)}
                aria-pressed={item.id === selectedId}
              >
                <span className="queue-name">
                  <span className="queue-customer">{item.name ?? item.externalId}</span>
                  <span className="queue-priority"> · priority {Math.round(item.priority)}</span>
                  {item.valueBand && <span className="queue-band"> · {item.valueBand}</span>}
                </span>
                <span className="queue-meta">
                  {formatMoney(item.monthlyRevenue)}/month · {item.statedReason ?? 'no stated reason'} · {item.segment ?? '—'}
                  {item.assignedTo ? ` · assigned to ${item.assignedTo}` : ''}
                </span>
                <span className={`queue-callable ${item.callableNow ? '' : 'queue-callable-no'}`}>{callStatus(item)}</span>
                <span className="queue-why">{item.why}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface QueueFiltersProps {
  options: QueueFilterOptions | null;
  query: QueueQuery;
  onChange: (patch: Partial<QueueQuery>) => void;
}

/** Search and the three filters an agent narrows the queue with. */
export function QueueFilters({ options, query, onChange }: QueueFiltersProps) {
  return (
    <div className="queue-filters" role="search" aria-label="Queue filters">
      <label htmlFor="queue-search" className="sr-only">
        Search queue
      </label>
      <input
        id="queue-search"
        type="search"
        placeholder="Search by name, phone or id"
        value={query.search ?? ''}
        onChange={(e) => onChange({ search: e.target.value || undefined })}
      />
      <Field label="Segment">
        {(id) => (
          <select id={id} value={query.segment ?? ''} onChange={(e) => onChange({ segment: e.target.value || undefined })}>
            <option value="">All segments</option>
            {options?.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reason">
        {(id) => (
          <select
            id={id}
            value={query.reasonCategory ?? ''}
            onChange={(e) => onChange({ reasonCategory: e.target.value || undefined })}
          >
            <option value="">All reasons</option>
            {options?.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="unmapped">Unmapped stated reasons</option>
          </select>
        )}
      </Field>
      <Field label="Cycle">
        {(id) => (
          <select id={id} value={query.cycleId ?? ''} onChange={(e) => onChange({ cycleId: e.target.value || undefined })}>
            <option value="">All cycles</option>
            {options?.cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

export function QueueContainer() {
  const items = useAppStore((s) => s.queueItems);
  const total = useAppStore((s) => s.queueTotal);
  const loading = useAppStore((s) => s.queueLoading);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const loadFilters = useAppStore((s) => s.loadQueueFilters);
  const options = useAppStore((s) => s.queueFilterOptions);
  const setQuery = useAppStore((s) => s.setQueueQuery);
  const query = useAppStore((s) => s.queueQuery);
  const selectedId = useAppStore((s) => s.selectedCustomerId);
  const select = useAppStore((s) => s.selectCustomer);

  useEffect(() => {
    // The other views' scripts load once the queue is on screen, never before it.
    void loadQueue().finally(preloadViews);
    void loadFilters();
  }, [loadQueue, loadFilters]);

  const filtered = Boolean(query.search || query.segment || query.reasonCategory || query.cycleId);
  const empty = !loading && total === 0 && !filtered;
  return (
    <div className="queue-layout">
      <section className="queue-pane" aria-labelledby="queue-title">
        <div className="queue-head">
          <h1 id="queue-title">Queue</h1>
          <p className="muted" aria-live="polite">
            {loading ? 'Loading…' : `${total.toLocaleString()} customer${total === 1 ? '' : 's'} to call`}
          </p>
        </div>
        {/* Intensive-care reviews that are due come back to their owner like callbacks. */}
        <DueReviews />
        <QueueFilters options={options} query={query} onChange={setQuery} />
        {empty ? <GetStarted /> : <QueueList items={items} selectedId={selectedId} onSelect={select} />}
      </section>
      <aside className="card-pane" aria-label="Customer card">
        {selectedId !== null ? (
          <CustomerCardContainer id={selectedId} />
        ) : (
          <p className="muted">Choose a customer to see their card.</p>
        )}
      </aside>
    </div>
  );
}
