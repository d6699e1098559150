import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../store';
import type { QueueItem } from '../../../shared/api/customers';
import { CustomerCardContainer } from './CustomerCard';
import { GetStarted } from './GetStarted';
import { formatMoney } from '../format';

const ROW_HEIGHT = 64;

export interface QueueListProps {
  items: QueueItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
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
              className={`queue-row ${item.id === selectedId ? 'selected' : ''}`}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              <button type="button" className="queue-open" onClick={() => onSelect(item.id)} aria-pressed={item.id === selectedId}>
                <span className="queue-name">{item.name ?? item.externalId}</span>
                <span className="queue-meta">
                  {formatMoney(item.monthlyRevenue)}/month · {item.statedReason ?? 'no stated reason'} · {item.segment ?? '—'}
                </span>
                <span className="queue-why">{item.why}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function QueueContainer() {
  const items = useAppStore((s) => s.queueItems);
  const total = useAppStore((s) => s.queueTotal);
  const loading = useAppStore((s) => s.queueLoading);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const setQuery = useAppStore((s) => s.setQueueQuery);
  const search = useAppStore((s) => s.queueQuery.search ?? '');
  const selectedId = useAppStore((s) => s.selectedCustomerId);
  const select = useAppStore((s) => s.selectCustomer);

  useEffect(() => {
    void loadQueue();
  }, [loadQueue]);

  const empty = !loading && total === 0 && search === '';
  return (
    <div className="queue-layout">
      <section className="queue-pane" aria-labelledby="queue-title">
        <div className="queue-head">
          <h1 id="queue-title">Queue</h1>
          <p className="muted" aria-live="polite">
            {loading ? 'Loading…' : `${total.toLocaleString()} customer${total === 1 ? '' : 's'} to call`}
          </p>
        </div>
        <label htmlFor="queue-search" className="sr-only">
          Search queue
        </label>
        <input
          id="queue-search"
          type="search"
          placeholder="Search by name, phone or id"
          value={search}
          onChange={(e) => setQuery({ search: e.target.value || undefined })}
        />
        {empty ? <GetStarted /> : <QueueList items={items} selectedId={selectedId} onSelect={select} />}
      </section>
      <aside className="card-pane" aria-label="Customer card">
        {selectedId !== null ? <CustomerCardContainer id={selectedId} /> : <p className="muted">Choose a customer to see their card.</p>}
      </aside>
    </div>
  );
}
