import { useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './trends/ChartLegend';
import { ISSUE_STATUSES, type IssueDetail, type IssueStatus, type IssueSummary, type LinkedCall } from '../../../shared/api/issues';
import type { ReportOptions } from '../../../shared/api/reports';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatCount, formatDate, formatMoney, formattingLocaleNow } from '../lib/format';
import { ChartPanel } from './trends/ChartPanel';
import { DataTable, type Column } from './trends/DataTable';
import { seriesColor, useChartTheme } from './trends/chartTheme';
import { IssueOutreach } from './outreach/IssueOutreach';

/** A calendar month ("2026-11") as the person's locale writes it: "Nov 2026", "nov. 2026". */
function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(formattingLocaleNow(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

const callColumns = (t: TFunction): Column<LinkedCall>[] => [
  { header: t('issues.calls.call'), csv: (c) => c.id },
  { header: t('issues.calls.completed'), csv: (c) => c.completedAt, cell: (c) => formatDate(c.completedAt) },
  { header: t('issues.calls.customer'), csv: (c) => c.customer },
  { header: t('issues.calls.caller'), csv: (c) => c.caller },
  { header: t('issues.calls.outcome'), csv: (c) => t(`issues.outcome.${c.outcome}`) },
  { header: t('issues.calls.reason'), csv: (c) => c.diagnosedReason },
  { header: t('issues.calls.revenue'), csv: (c) => c.monthlyRevenue, cell: (c) => formatMoney(c.monthlyRevenue), numeric: true },
];

function ReasonPicker({ options, selected, onChange }: { options: ReportOptions | null; selected: string[]; onChange: (ids: string[]) => void }) {
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const { t } = useTranslation();
  return (
    <fieldset className="reason-picker">
      <legend>{t('issues.reasons.legend')}</legend>
      {(options?.categories ?? []).map((c) => (
        <fieldset key={c.id} className="reason-group">
          <legend>{c.name}</legend>
          {c.reasons.map((r) => (
            <label key={r.id} className="radio">
              <input type="checkbox" checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
              {r.retired ? t('issues.reasons.retired', { name: r.name }) : r.name}
            </label>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

function CallPicker({ calls, selected, onChange, legend }: { calls: LinkedCall[]; selected: string[]; onChange: (ids: string[]) => void; legend: string }) {
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const { t } = useTranslation();
  return (
    <fieldset className="call-picker">
      <legend>{legend}</legend>
      {calls.length === 0 && <p className="muted">{t('issues.calls.none')}</p>}
      {calls.map((c) => (
        <label key={c.id} className="radio">
          <input type="checkbox" checked={selected.includes(c.id)} onChange={() => toggle(c.id)} />
          {t(c.diagnosedReason ? 'issues.calls.lineReason' : 'issues.calls.line', {
            day: formatDate(c.completedAt),
            customer: c.customer,
            caller: c.caller,
            outcome: t(`issues.outcome.${c.outcome}`),
            reason: c.diagnosedReason ?? '',
          })}
        </label>
      ))}
    </fieldset>
  );
}

function NewIssueForm({ options, initialReasons, onDone }: { options: ReportOptions | null; initialReasons: string[]; onDone: () => void }) {
  const create = useAppStore((s) => s.createIssue);
  const candidates = useAppStore((s) => s.candidateCalls);
  const loadCandidates = useAppStore((s) => s.loadCandidateCalls);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [reasonIds, setReasonIds] = useState<string[]>(initialReasons);
  const [callIds, setCallIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    void loadCandidates(reasonIds);
  }, [loadCandidates, reasonIds]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem =
      title.trim() === '' ? t('issues.form.errorTitle') : reasonIds.length === 0 && callIds.length === 0 ? t('issues.form.errorLinks') : null;
    setError(problem);
    if (problem) return;
    setBusy(true);
    const ok = await create({ title: title.trim(), owner: owner.trim(), description, reasonIds, callIds });
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <form className="card issue-form" aria-labelledby="new-issue-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="new-issue-title">{t('issues.new')}</h2>
      <label htmlFor="issue-title">{t('issues.form.title')}</label>
      <input id="issue-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-invalid={error !== null && title.trim() === ''} />
      <label htmlFor="issue-owner">{t('issues.form.owner')}</label>
      <input id="issue-owner" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={120} placeholder={t('issues.form.ownerPlaceholder')} />
      <label htmlFor="issue-description">{t('issues.form.description')}</label>
      <textarea id="issue-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={4000} />
      <ReasonPicker options={options} selected={reasonIds} onChange={setReasonIds} />
      <CallPicker calls={candidates} selected={callIds} onChange={setCallIds} legend={t('issues.form.callsLegend')} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('issues.form.create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('issues.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function AfterFix({ issue }: { issue: IssueDetail }) {
  const theme = useChartTheme();
  const { t } = useTranslation();
  const after = issue.afterFix;
  if (!after) return null;
  type Month = (typeof after.months)[number];
  const columns: Column<Month>[] = [
    { header: t('issues.afterFix.month'), csv: (m) => m.month, cell: (m) => formatMonth(m.month) },
    { header: t('issues.afterFix.departed'), csv: (m) => m.departed, cell: (m) => formatCount(m.departed), numeric: true },
    { header: t('issues.afterFix.revenueLost'), csv: (m) => m.revenue, cell: (m) => formatMoney(m.revenue), numeric: true },
    { header: t('issues.afterFix.diagnosed'), csv: (m) => m.diagnosedCalls, cell: (m) => formatCount(m.diagnosedCalls), numeric: true },
  ];
  return (
    <ChartPanel
      id="after-fix"
      title={t('issues.afterFix.title', { day: formatDate(issue.fixedAt) })}
      summary={t('issues.afterFix.summary', { before: after.before.departed })}
      note={
        <p>
          {t('issues.afterFix.before', { departed: after.before.departed, revenue: formatMoney(after.before.revenue), calls: after.before.diagnosedCalls })}
        </p>
      }
      chart={
        <LineChart width={460} height={240} data={after.months} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="month" tickFormatter={formatMonth} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip formatter={(v) => formatCount(Number(v))} contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} content={ChartLegend} />
          <ReferenceLine y={after.before.departed} stroke={theme.muted} strokeDasharray="4 4" label={{ value: t('issues.afterFix.beforeLine'), fill: theme.muted, fontSize: 11 }} />
          <Line dataKey="departed" name={t('issues.afterFix.departedLine')} stroke={seriesColor(theme, 3)} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="diagnosedCalls" name={t('issues.afterFix.diagnosedLine')} stroke={seriesColor(theme, 0)} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      }
      table={<DataTable caption={t('issues.afterFix.caption')} columns={columns} rows={after.months} rowKey={(m) => m.month} />}
    />
  );
}

function IssueDetailView({ issue }: { issue: IssueDetail }) {
  const update = useAppStore((s) => s.updateIssue);
  const candidates = useAppStore((s) => s.candidateCalls);
  const loadCandidates = useAppStore((s) => s.loadCandidateCalls);
  const { t } = useTranslation();
  const [owner, setOwner] = useState(issue.owner);
  const [linking, setLinking] = useState<string[]>([]);
  const reasonIds = issue.reasons.map((r) => r.id).join(',');
  useEffect(() => {
    void loadCandidates(reasonIds === '' ? [] : reasonIds.split(','));
  }, [loadCandidates, reasonIds]);
  const linked = new Set(issue.calls.map((c) => c.id));
  const unlinked = candidates.filter((c) => !linked.has(c.id));
  return (
    <section className="card issue-detail" aria-labelledby="issue-detail-title">
      <h2 id="issue-detail-title">{issue.title}</h2>
      {issue.description && <p>{issue.description}</p>}
      <p className="issue-stake">
        <Trans
          i18nKey="issues.detail.stake"
          values={{ amount: formatMoney(issue.revenueAtStake), lost: issue.stillLost, customers: t('issues.detail.customers', { count: issue.customers }) }}
          components={[<strong key="amount" />]}
        />
      </p>
      <p>{issue.reasons.length > 0 ? t('issues.detail.reasons', { reasons: issue.reasons.map((r) => r.name).join(', ') }) : t('issues.detail.noReasons')}</p>
      <div className="issue-controls">
        <label htmlFor="issue-status">{t('issues.detail.status')}</label>
        <select id="issue-status" value={issue.status} onChange={(e) => void update(issue.id, { status: e.target.value as IssueStatus })}>
          {ISSUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`issues.status.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="issue-owner-edit">{t('issues.detail.owner')}</label>
        <input id="issue-owner-edit" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={120} />
        <button type="button" onClick={() => void update(issue.id, { owner: owner.trim() })} disabled={owner.trim() === issue.owner}>
          {t('issues.detail.saveOwner')}
        </button>
      </div>
      <IssueOutreach issueId={issue.id} status={issue.status} />
      <AfterFix issue={issue} />
      <DataTable caption={t('issues.detail.callsCaption')} columns={callColumns(t)} rows={issue.calls} rowKey={(c) => c.id} empty={t('issues.detail.callsEmpty')} />
      <CallPicker calls={unlinked} selected={linking} onChange={setLinking} legend={t('issues.detail.linkMore')} />
      <div className="form-actions">
        <button
          type="button"
          disabled={linking.length === 0}
          onClick={() => {
            void update(issue.id, { callIds: [...issue.calls.map((c) => c.id), ...linking] }).then((ok) => ok && setLinking([]));
          }}
        >
          {t('issues.detail.link', { count: linking.length })}
        </button>
      </div>
    </section>
  );
}

const issueColumns = (t: TFunction, open: (id: string) => void): Column<IssueSummary>[] => [
  {
    header: t('issues.list.issue'),
    csv: (i) => i.title,
    cell: (i) => (
      <button type="button" className="link-button" onClick={() => open(i.id)}>
        {i.title}
      </button>
    ),
  },
  { header: t('issues.list.owner'), csv: (i) => i.owner },
  { header: t('issues.list.status'), csv: (i) => t(`issues.status.${i.status}`) },
  { header: t('issues.list.reasons'), csv: (i) => i.reasons.map((r) => r.name).join('; ') },
  { header: t('issues.list.customers'), csv: (i) => i.customers, cell: (i) => formatCount(i.customers), numeric: true },
  { header: t('issues.list.notWonBack'), csv: (i) => i.stillLost, cell: (i) => formatCount(i.stillLost), numeric: true },
  { header: t('issues.list.stake'), csv: (i) => i.revenueAtStake, cell: (i) => formatMoney(i.revenueAtStake), numeric: true },
];

/** Fix the company: issues with the reasons and calls behind them, prioritised by revenue at stake. */
export function IssuesView() {
  const issues = useAppStore((s) => s.issues);
  const selected = useAppStore((s) => s.selectedIssue);
  const draftReasons = useAppStore((s) => s.issueDraftReasons);
  const load = useAppStore((s) => s.loadIssues);
  const open = useAppStore((s) => s.openIssue);
  const reportError = useAppStore((s) => s.reportError);
  const clearDraft = useAppStore((s) => s.clearIssueDraft);
  const [options, setOptions] = useState<ReportOptions | null>(null);
  const [creating, setCreating] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    void load();
    api().call('reports.options', {}).then(setOptions).catch(reportError);
  }, [load, reportError]);

  const showForm = creating || draftReasons !== null;
  const byStake = [...issues].sort((a, b) => (a.status === 'fixed' ? 1 : 0) - (b.status === 'fixed' ? 1 : 0) || b.revenueAtStake - a.revenueAtStake);
  return (
    <div className="issues">
      <header className="trends-head">
        <h1>{t('issues.title')}</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={showForm}>
          {t('issues.new')}
        </button>
      </header>
      {showForm && (
        <NewIssueForm
          key={(draftReasons ?? []).join(',')}
          options={options}
          initialReasons={draftReasons ?? []}
          onDone={() => {
            setCreating(false);
            clearDraft();
          }}
        />
      )}
      <DataTable caption={t('issues.list.caption')} columns={issueColumns(t, (id) => void open(id))} rows={byStake} rowKey={(i) => i.id} empty={t('issues.list.empty')} />
      {selected && <IssueDetailView key={selected.id + selected.updatedAt} issue={selected} />}
    </div>
  );
}
