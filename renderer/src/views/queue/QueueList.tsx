import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { QueueItem } from '../../../../shared/api/queue';
import { formatCount, formatMoney } from '../../lib/format';
import { inTheirZone } from '../../lib/customerTime';

/** Two lines a row: about twelve customers on screen at 1366x768 (four lines a row showed five). */
export const ROW_HEIGHT = 50;

export interface QueueListProps {
  items: QueueItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Enter on a row: the card's first action takes the keyboard. */
  onOpen: (id: number) => void;
  /** Grows when the list should take the keyboard (after a call, from the skip link). */
  focusSignal?: number | undefined;
}

/**
 * Whether the customer may be dialled now, in a few words for the row; the card says why in full.
 * Built from the row's facts (not from the core's sentence), so it reads in the agent's language;
 * times are the customer's own wall clock, since calling hours are theirs.
 */
export function callableWords(t: TFunction, item: QueueItem, now = new Date()): string {
  if (item.callableNow) return t('queue.row.callableNow', { time: item.localTime });
  if (item.callbackAt !== null && Date.parse(item.callbackAt) > now.getTime()) {
    return t('queue.row.callbackBooked', { time: inTheirZone(item.callbackAt, item.timezone) });
  }
  return t('queue.row.notNow', { time: item.localTime });
}

/**
 * The queue as a listbox: one tab stop, arrow keys move through the customers (the card follows),
 * Enter opens the card's Start call. Virtualised, so 200,000 customers stay fast; the active row is
 * always rendered because the list scrolls to it, and focus never walks the rows one by one.
 */
export function QueueList({ items, selectedId, onSelect, onOpen, focusSignal }: QueueListProps) {
  const { t } = useTranslation();
  const parentRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Three rows beyond the screen: enough for the arrow keys and the wheel to find rows already
    // drawn, and five fewer rows to draw before the first paint than the eight it had (bench/chromium-pair.ts).
    overscan: 3,
    // jsdom and the first paint have no layout yet; start with a screenful.
    initialRect: { width: 800, height: 640 },
  });
  const index = items.findIndex((i) => i.id === selectedId);

  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);
  useEffect(() => {
    if (focusSignal) listRef.current?.focus();
  }, [focusSignal]);

  const moveTo = (i: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, i))];
    if (item) onSelect(item.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? 500) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(index + 1),
      ArrowUp: () => moveTo(index < 0 ? 0 : index - 1),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      PageDown: () => moveTo(index + page),
      PageUp: () => moveTo(index - page),
      Enter: () => {
        const item = items[index];
        if (item) onOpen(item.id);
      },
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  return (
    <div ref={parentRef} className="queue-scroll">
      <div
        ref={listRef}
        id="queue-listbox"
        role="listbox"
        aria-label={t('queue.list')}
        tabIndex={0}
        className="queue-list"
        style={{ height: virtualizer.getTotalSize() }}
        aria-activedescendant={index >= 0 ? `queue-option-${selectedId ?? ''}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (index < 0) moveTo(0);
        }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          const selected = item.id === selectedId;
          return (
            <div
              key={item.id}
              id={`queue-option-${item.id}`}
              role="option"
              aria-selected={selected}
              aria-posinset={row.index + 1}
              aria-setsize={items.length}
              className={`queue-row ${selected ? 'selected' : ''} ${item.callableNow ? '' : 'not-callable'}`}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(item.id)}
              onDoubleClick={() => onOpen(item.id)}
            >
              <span className="queue-line">
                <span className="queue-customer">{item.name ?? item.externalId}</span>
                <span className="queue-id">{item.externalId}</span>
                <span className="queue-revenue">{t('queue.row.perMonth', { amount: formatMoney(item.monthlyRevenue) })}</span>
                <span className="queue-priority" title={t('queue.row.priorityTitle')}>{t('queue.row.priority', { value: formatCount(Math.round(item.priority)) })}</span>
              </span>
              <span className="queue-line queue-sub">
                <span className={`queue-callable ${item.callableNow ? 'queue-callable-yes' : 'queue-callable-no'}`}>{callableWords(t, item)}</span>
                <span className="queue-reason">
                  {item.statedReason ?? t('queue.row.noStatedReason')}
                  {item.assignedTo ? ` · ${item.assignedTo}` : ''}
                  {item.attempts > 0 ? ` · ${t('queue.row.attempts', { count: item.attempts })}` : ''}
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
