import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { KeepInTouchCustomer } from '../../../../shared/api/keepInTouch';
import { formatDate, formatMoney } from '../../lib/format';
import { reasonName } from '../../i18n/content';

export const ROW_HEIGHT = 52;

export interface KeepInTouchRowsProps {
  total: number;
  /** Rows by their place in the list; a place not loaded yet shows a placeholder. */
  rowAt: (index: number) => KeepInTouchCustomer | undefined;
  /** The rows on screen changed: load the pages they fall in. */
  onRange: (first: number, last: number) => void;
}

const CHANNELS = ['phone', 'email', 'post'] as const;

/**
 * The customers of the keep-in-touch list, virtualised as the Queue is: 200,000 rows are as quick
 * as 20, and only the pages on screen are asked of the backend.
 */
export function KeepInTouchRows({ total, rowAt, onRange }: KeepInTouchRowsProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 900, height: 520 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) onRange(first, last);
  }, [first, last, total, onRange]);

  return (
    <div ref={parentRef} className="kit-scroll" tabIndex={0} role="region" aria-label={t('keepInTouch.list.label')}>
      <ul className="kit-list" style={{ height: virtualizer.getTotalSize() }} aria-label={t('keepInTouch.list.label')}>
        {items.map((row) => {
          const c = rowAt(row.index);
          return (
            <li
              key={row.index}
              className="kit-row"
              aria-posinset={row.index + 1}
              aria-setsize={total}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              {c ? (
                <>
                  <span className="kit-line">
                    <strong>{c.name ?? c.externalId}</strong>
                    <span className="muted">{c.externalId}</span>
                    <span>{t('keepInTouch.row.revenue', { amount: formatMoney(c.monthlyRevenue) })}</span>
                    <span>{(c.reasonId && c.reason ? reasonName(t, c.reasonId, c.reason) : c.reason) ?? c.statedText ?? t('keepInTouch.groups.noReason')}</span>
                    <span className="muted">{t(`keepInTouch.row.source.${c.reasonSource}`)}</span>
                  </span>
                  <span className="kit-line kit-sub">
                    <span>{t('keepInTouch.row.departed', { day: formatDate(c.departedAt) })}</span>
                    <span>{c.lastContactAt ? t('keepInTouch.row.lastContact', { day: formatDate(c.lastContactAt) }) : t('keepInTouch.row.neverContacted')}</span>
                    {CHANNELS.map((ch) => (
                      <span key={ch} className={c[ch].open ? 'kit-open' : 'kit-closed'}>
                        {t(`keepInTouch.row.channel.${ch}`)}: {t(c[ch].open ? 'keepInTouch.row.open' : 'keepInTouch.row.closed')}
                        {c[ch].consent ? ` (${t(`keepInTouch.row.consent.${c[ch].consent}`)})` : ''}
                      </span>
                    ))}
                  </span>
                </>
              ) : (
                <span className="muted">{t('keepInTouch.list.loading')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
