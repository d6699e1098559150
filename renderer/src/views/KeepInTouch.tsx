import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeepInTouchChoices, KeepInTouchCustomer, KeepInTouchFilters, KeepInTouchGroup } from '../../../shared/api/keepInTouch';
import { api } from '../api/client';
import { formatCount, formatMoney } from '../lib/format';
import { useAppStore } from '../store';
import { categoryName, categoryText, reasonName } from '../i18n/content';
import { DataTable, type Column } from './trends/DataTable';
import { KeepInTouchRows } from './keepInTouch/KeepInTouchRows';
import './keepInTouch/keepInTouch.css';

const PAGE = 200;

interface Loaded {
  total: number;
  revenue: number;
  groups: KeepInTouchGroup[];
}

type TextFilter = 'reasonId' | 'categoryId' | 'segment' | 'product' | 'cycleId';

/**
 * Keep in touch: departed customers not won back whom the company may still contact, by reason,
 * with the revenue they took and how each may be reached. Pages load as the list scrolls; a new
 * filter starts from the top.
 */
export function KeepInTouchView() {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const { t } = useTranslation();
  const [choices, setChoices] = useState<KeepInTouchChoices | null>(null);
  const [filters, setFilters] = useState<KeepInTouchFilters>({});
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [rows, setRows] = useState<Map<number, KeepInTouchCustomer>>(new Map());
  // Why the list could not be worked out (a filter the backend refused): shown where the list would be.
  const [problem, setProblem] = useState<string | null>(null);
  // Pages asked for under the current filters; a new filter empties it (by a new generation).
  const asked = useRef<{ generation: number; pages: Set<number> }>({ generation: 0, pages: new Set() });

  useEffect(() => {
    api().call('keepInTouch.choices', {}).then(setChoices).catch(reportError);
  }, [reportError]);

  const place = (offset: number, items: KeepInTouchCustomer[]) =>
    setRows((old) => {
      const next = new Map(old);
      items.forEach((item, i) => next.set(offset + i, item));
      return next;
    });

  useEffect(() => {
    const generation = asked.current.generation + 1;
    asked.current = { generation, pages: new Set([0]) };
    setLoaded(null);
    setProblem(null);
    setRows(new Map());
    api()
      .call('keepInTouch.list', { filters, offset: 0, limit: PAGE })
      .then((list) => {
        if (asked.current.generation !== generation) return;
        setLoaded({ total: list.total, revenue: list.revenue, groups: list.groups });
        place(0, list.items);
      })
      .catch((error: unknown) => {
        if (asked.current.generation === generation) setProblem(error instanceof Error ? error.message : String(error));
      });
  }, [filters]);

  const onRange = useCallback(
    (first: number, last: number) => {
      const { generation, pages } = asked.current;
      for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page += 1) {
        if (pages.has(page)) continue;
        pages.add(page);
        api()
          .call('keepInTouch.list', { filters, offset: page * PAGE, limit: PAGE })
          .then((list) => {
            if (asked.current.generation === generation) place(page * PAGE, list.items);
          })
          .catch(reportError);
      }
    },
    [filters, reportError],
  );

  const setText = (key: TextFilter, value: string) => setFilters((f) => ({ ...f, [key]: value === '' ? undefined : value }));
  const setDays = (key: 'minAgeDays' | 'maxAgeDays', value: string) => {
    const n = value.trim() === '' ? undefined : Number(value);
    if (n === undefined || (Number.isInteger(n) && n >= 0)) setFilters((f) => ({ ...f, [key]: n }));
  };
  const select = (key: TextFilter, label: string, options: { value: string; label: string }[]) => (
    <label htmlFor={`${id}-${key}`}>
      {label}
      <select id={`${id}-${key}`} value={filters[key] ?? ''} onChange={(e) => setText(key, e.target.value)}>
        <option value="">{t('keepInTouch.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  // Default reasons and categories in the person's language; a manager's own names as written.
  const shownReason = (g: { reasonId: string | null; reason: string | null }) => (g.reasonId && g.reason ? reasonName(t, g.reasonId, g.reason) : g.reason);
  const groupColumns: Column<KeepInTouchGroup>[] = [
    { header: t('keepInTouch.groups.reason'), csv: (g) => shownReason(g) ?? t('keepInTouch.groups.noReason') },
    { header: t('keepInTouch.groups.category'), csv: (g) => (g.category === null ? '' : categoryText(t, g.category)) },
    { header: t('keepInTouch.groups.customers'), csv: (g) => g.customers, cell: (g) => formatCount(g.customers), numeric: true },
    { header: t('keepInTouch.groups.revenue'), csv: (g) => g.revenue, cell: (g) => formatMoney(g.revenue), numeric: true },
  ];

  return (
    <div className="keep-in-touch">
      <header className="trends-head">
        <h1>{t('keepInTouch.title')}</h1>
      </header>
      <p className="muted">{t('keepInTouch.intro')}</p>
      <form className="kit-filters" aria-label={t('keepInTouch.filters.label')} onSubmit={(e) => e.preventDefault()}>
        {select('reasonId', t('keepInTouch.filters.reason'), (choices?.reasons ?? []).map((r) => ({ value: r.id, label: reasonName(t, r.id, r.name) })))}
        {select('categoryId', t('keepInTouch.filters.category'), (choices?.categories ?? []).map((c) => ({ value: c.id, label: categoryName(t, c.id, c.name) })))}
        {select('segment', t('keepInTouch.filters.segment'), (choices?.segments ?? []).map((s) => ({ value: s, label: s })))}
        {select('product', t('keepInTouch.filters.product'), (choices?.products ?? []).map((p) => ({ value: p, label: p })))}
        {select('cycleId', t('keepInTouch.filters.cycle'), (choices?.cycles ?? []).map((c) => ({ value: c.id, label: c.name })))}
        <label htmlFor={`${id}-min`}>
          {t('keepInTouch.filters.minAge')}
          <input id={`${id}-min`} type="number" min={0} value={filters.minAgeDays ?? ''} onChange={(e) => setDays('minAgeDays', e.target.value)} />
        </label>
        <label htmlFor={`${id}-max`}>
          {t('keepInTouch.filters.maxAge')}
          <input id={`${id}-max`} type="number" min={0} value={filters.maxAgeDays ?? ''} onChange={(e) => setDays('maxAgeDays', e.target.value)} />
        </label>
        <button type="button" onClick={() => setFilters({})} disabled={Object.values(filters).every((v) => v === undefined)}>
          {t('keepInTouch.filters.clear')}
        </button>
      </form>
      {problem !== null ? (
        <p role="alert">{problem}</p>
      ) : !loaded ? (
        <p aria-busy="true">{t('keepInTouch.list.loading')}</p>
      ) : (
        <>
          <p aria-live="polite">
            <strong>{t('keepInTouch.summary', { count: loaded.total, revenue: formatMoney(loaded.revenue) })}</strong>
          </p>
          <DataTable
            caption={t('keepInTouch.groups.caption')}
            columns={groupColumns}
            rows={loaded.groups}
            rowKey={(g) => g.reasonId ?? ''}
            empty={t('keepInTouch.list.empty')}
            actions={{
              header: t('keepInTouch.groups.show'),
              cell: (g) =>
                g.reasonId ? (
                  <button type="button" className="link-button" onClick={() => setText('reasonId', g.reasonId ?? '')}>
                    {t('keepInTouch.groups.showNamed', { reason: shownReason(g) ?? '' })}
                  </button>
                ) : null,
            }}
          />
          {loaded.total > 0 && <KeepInTouchRows total={loaded.total} rowAt={(i) => rows.get(i)} onRange={onRange} />}
        </>
      )}
    </div>
  );
}
