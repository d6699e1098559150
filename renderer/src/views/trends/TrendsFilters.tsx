import type { ReportFilters, ReportOptions } from '../../../../shared/api/reports';
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
  return (
    <form className="filters no-print" aria-label="Trends filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="filter">
        <legend>Reasons</legend>
        <label className="radio">
          <input type="radio" name="trends-by" checked={by === 'stated'} onChange={() => onBy('stated')} />
          Stated at departure
        </label>
        <label className="radio">
          <input type="radio" name="trends-by" checked={by === 'diagnosed'} onChange={() => onBy('diagnosed')} />
          Diagnosed on calls
        </label>
      </fieldset>
      <Choice id="trends-cycle" label="Cycle" all="All cycles" values={(options?.cycles ?? []).map((c) => ({ value: c.id, label: c.name }))} value={filters.cycle} onChange={(v) => onFilters({ cycle: v })} />
      <Choice id="trends-segment" label="Segment" all="All segments" values={plain(options?.segments ?? [])} value={filters.segment} onChange={(v) => onFilters({ segment: v })} />
      <Choice id="trends-product" label="Product" all="All products" values={plain(options?.products ?? [])} value={filters.product} onChange={(v) => onFilters({ product: v })} />
      <Choice id="trends-team" label="Frontline team" all="All teams" values={plain(options?.teams ?? [])} value={filters.team} onChange={(v) => onFilters({ team: v })} />
      <div className="filter">
        <label htmlFor="trends-from">From</label>
        <input id="trends-from" type="date" value={filters.from ?? ''} onChange={(e) => onFilters({ from: e.target.value || undefined })} />
      </div>
      <div className="filter">
        <label htmlFor="trends-to">To</label>
        <input id="trends-to" type="date" value={filters.to ?? ''} onChange={(e) => onFilters({ to: e.target.value || undefined })} />
      </div>
    </form>
  );
}

/** The filters in words, for the top of the page and of the printed report. */
export function describeFilters(options: ReportOptions | null, filters: ReportFilters, by: ReasonBasis): { cycle: string; rest: string[] } {
  const cycle = filters.cycle ? (options?.cycles.find((c) => c.id === filters.cycle)?.name ?? filters.cycle) : 'All cycles';
  const rest = [
    by === 'stated' ? 'Reasons stated at departure' : 'Reasons diagnosed on calls',
    filters.segment ? `Segment: ${filters.segment}` : null,
    filters.product ? `Product: ${filters.product}` : null,
    filters.team ? `Frontline team: ${filters.team}` : null,
    filters.from || filters.to ? `Dates: ${filters.from ?? 'start'} to ${filters.to ?? 'today'}` : null,
  ].filter((x): x is string => x !== null);
  return { cycle, rest };
}
