import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReportFilters, ReportOptions } from '../../../../shared/api/reports';
import { formatDay } from '../../lib/format';
import type { ReasonBasis } from '../../store/reportsSlice';

export interface TrendsFiltersProps {
  options: ReportOptions | null;
  filters: ReportFilters;
  by: ReasonBasis;
  onFilters: (patch: Partial<ReportFilters>) => void;
  onBy: (by: ReasonBasis) => void;
}

function Choice({ id, label, all, values, value, onChange }: { id: string; label: string; all: string; values: readonly { value: string; label: string }[]; value: string | undefined; onChange: (v: string) => void }) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** Which reasons, and which customers: by cycle, segment, product, frontline team and dates. */
export function TrendsFilters({ options, filters, by, onFilters, onBy }: TrendsFiltersProps) {
  const { t } = useTranslation();
  return (
    <form className="filters no-print" aria-label={t('trends.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="filter">
        <legend>{t('trends.filters.reasons')}</legend>
        <label className="radio">
          <input type="radio" name="trends-by" checked={by === 'stated'} onChange={() => onBy('stated')} />
          {t('trends.filters.stated')}
        </label>
        <label className="radio">
          <input type="radio" name="trends-by" checked={by === 'diagnosed'} onChange={() => onBy('diagnosed')} />
          {t('trends.filters.diagnosed')}
        </label>
      </fieldset>
      <Choice id="trends-cycle" label={t('trends.filters.cycle')} all={t('trends.filters.allCycles')} values={(options?.cycles ?? []).map((c) => ({ value: c.id, label: c.name }))} value={filters.cycle} onChange={(v) => onFilters({ cycle: v })} />
      <Choice id="trends-segment" label={t('trends.filters.segment')} all={t('trends.filters.allSegments')} values={plain(options?.segments ?? [])} value={filters.segment} onChange={(v) => onFilters({ segment: v })} />
      <Choice id="trends-product" label={t('trends.filters.product')} all={t('trends.filters.allProducts')} values={plain(options?.products ?? [])} value={filters.product} onChange={(v) => onFilters({ product: v })} />
      <Choice id="trends-team" label={t('trends.filters.team')} all={t('trends.filters.allTeams')} values={plain(options?.teams ?? [])} value={filters.team} onChange={(v) => onFilters({ team: v })} />
      <div className="filter">
        <label htmlFor="trends-from">{t('trends.filters.from')}</label>
        <input id="trends-from" type="date" value={filters.from ?? ''} onChange={(e) => onFilters({ from: e.target.value || undefined })} />
      </div>
      <div className="filter">
        <label htmlFor="trends-to">{t('trends.filters.to')}</label>
        <input id="trends-to" type="date" value={filters.to ?? ''} onChange={(e) => onFilters({ to: e.target.value || undefined })} />
      </div>
    </form>
  );
}

/** The filters in words, for the top of the page and of the printed report. */
export function describeFilters(options: ReportOptions | null, filters: ReportFilters, by: ReasonBasis, t: TFunction): { cycle: string; rest: string[] } {
  const cycle = filters.cycle ? (options?.cycles.find((c) => c.id === filters.cycle)?.name ?? filters.cycle) : t('trends.filters.allCycles');
  const rest = [
    by === 'stated' ? t('trends.filters.describedStated') : t('trends.filters.describedDiagnosed'),
    filters.segment ? t('trends.filters.describedSegment', { value: filters.segment }) : null,
    filters.product ? t('trends.filters.describedProduct', { value: filters.product }) : null,
    filters.team ? t('trends.filters.describedTeam', { value: filters.team }) : null,
    filters.from || filters.to
      ? t('trends.filters.describedDates', {
          from: filters.from ? formatDay(filters.from) : t('trends.filters.start'),
          to: filters.to ? formatDay(filters.to) : t('trends.filters.today'),
        })
      : null,
  ].filter((x): x is string => x !== null);
  return { cycle, rest };
}
