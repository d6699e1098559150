import { useEffect, useState, type FormEvent } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ISSUE_STATUSES, ISSUE_STATUS_LABELS, type IssueDetail, type IssueStatus, type IssueSummary, type LinkedCall } from '../../../shared/api/issues';
import type { ReportOptions } from '../../../shared/api/reports';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { formatDate, formatMoney } from '../lib/format';
import { ChartPanel } from './trends/ChartPanel';
import { DataTable, type Column } from './trends/DataTable';
import { seriesColor, useChartTheme } from './trends/chartTheme';
import { formatCount } from './trends/format';
import { IssueOutreach } from './outreach/IssueOutreach';

const callColumns: Column<LinkedCall>[] = [
  { header: 'Call', csv: (c) => c.id },
  { header: 'Completed', csv: (c) => c.completedAt, cell: (c) => formatDate(c.completedAt) },
  { header: 'Customer', csv: (c) => c.customer },
  { header: 'Caller', csv: (c) => c.caller },
  { header: 'Outcome', csv: (c) => OUTCOME_LABELS[c.outcome] },
  { header: 'Diagnosed reason', csv: (c) => c.diagnosedReason },
  { header: 'Monthly revenue', csv: (c) => c.monthlyRevenue, cell: (c) => formatMoney(c.monthlyRevenue), numeric: true },
];

function ReasonPicker({ options, selected, onChange }: { options: ReportOptions | null; selected: string[]; onChange: (ids: string[]) => void }) {
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <fieldset className="reason-picker">
      <legend>Reasons behind it</legend>
      {(options?.categories ?? []).map((c) => (
        <fieldset key={c.id} className="reason-group">
          <legend>{c.name}</legend>
          {c.reasons.map((r) => (
            <label key={r.id} className="radio">
              <input type="checkbox" checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
              {r.name}
              {r.retired && ' (retired)'}
            </label>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

function CallPicker({ calls, selected, onChange, legend }: { calls: LinkedCall[]; selected: string[]; onChange: (ids: string[]) => void; legend: string }) {
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <fieldset className="call-picker">
      <legend>{legend}</legend>
      {calls.length === 0 && <p className="muted">No calls to link yet.</p>}
      {calls.map((c) => (
        <label key={c.id} className="radio">
          <input type="checkbox" checked={selected.includes(c.id)} onChange={() => toggle(c.id)} />
          {formatDate(c.completedAt)} · {c.customer} · {c.caller} · {OUTCOME_LABELS[c.outcome]}
          {c.diagnosedReason ? ` · ${c.diagnosedReason}` : ''}
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

  useEffect(() => {
    void loadCandidates(reasonIds);
  }, [loadCandidates, reasonIds]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem =
      title.trim() === '' ? 'Give the issue a title.' : reasonIds.length === 0 && callIds.length === 0 ? 'Tick at least one reason or one call.' : null;
    setError(problem);
    if (problem) return;
    setBusy(true);
    const ok = await create({ title: title.trim(), owner: owner.trim(), description, reasonIds, callIds });
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <form className="card issue-form" aria-labelledby="new-issue-title" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="new-issue-title">New issue</h2>
      <label htmlFor="issue-title">Title</label>
      <input id="issue-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-invalid={error !== null && title.trim() === ''} />
      <label htmlFor="issue-owner">Owner</label>
      <input id="issue-owner" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={120} placeholder="Who makes the fix" />
      <label htmlFor="issue-description">What must change</label>
      <textarea id="issue-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={4000} />
      <ReasonPicker options={options} selected={reasonIds} onChange={setReasonIds} />
      <CallPicker calls={candidates} selected={callIds} onChange={setCallIds} legend="Calls behind it (recent calls with these reasons)" />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Create issue
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AfterFix({ issue }: { issue: IssueDetail }) {
  const theme = useChartTheme();
  const after = issue.afterFix;
  if (!after) return null;
  type Month = (typeof after.months)[number];
  const columns: Column<Month>[] = [
    { header: 'Month', csv: (m) => m.month },
    { header: 'Departed with these reasons', csv: (m) => m.departed, numeric: true },
    { header: 'Revenue lost', csv: (m) => m.revenue, cell: (m) => formatMoney(m.revenue), numeric: true },
    { header: 'Calls diagnosing them', csv: (m) => m.diagnosedCalls, numeric: true },
  ];
  return (
    <ChartPanel
      id="after-fix"
      title={`Since the fix on ${formatDate(issue.fixedAt)}`}
      summary={`Line chart of customers departing with this issue's reasons each month since the fix, against ${after.before.departed} a month before it.`}
      note={
        <p>
          Before the fix: {after.before.departed} departed a month ({formatMoney(after.before.revenue)} lost), {after.before.diagnosedCalls} calls a month diagnosed these reasons.
        </p>
      }
      chart={
        <LineChart width={460} height={240} data={after.months} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis dataKey="month" stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <YAxis allowDecimals={false} stroke={theme.muted} tick={{ fill: theme.muted, fontSize: 12 }} />
          <Tooltip contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
          <ReferenceLine y={after.before.departed} stroke={theme.muted} strokeDasharray="4 4" label={{ value: 'before', fill: theme.muted, fontSize: 11 }} />
          <Line dataKey="departed" name="Departed" stroke={seriesColor(theme, 3)} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="diagnosedCalls" name="Calls diagnosing it" stroke={seriesColor(theme, 0)} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      }
      table={<DataTable caption="Its reasons month by month since the fix" columns={columns} rows={after.months} rowKey={(m) => m.month} />}
    />
  );
}

function IssueDetailView({ issue }: { issue: IssueDetail }) {
  const update = useAppStore((s) => s.updateIssue);
  const candidates = useAppStore((s) => s.candidateCalls);
  const loadCandidates = useAppStore((s) => s.loadCandidateCalls);
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
        <strong>{formatMoney(issue.revenueAtStake)}</strong> monthly revenue at stake: {formatCount(issue.stillLost)} of {formatCount(issue.customers)} customers behind it not won back.
      </p>
      <p>Reasons: {issue.reasons.length > 0 ? issue.reasons.map((r) => r.name).join(', ') : 'none'}</p>
      <div className="issue-controls">
        <label htmlFor="issue-status">Issue status</label>
        <select id="issue-status" value={issue.status} onChange={(e) => void update(issue.id, { status: e.target.value as IssueStatus })}>
          {ISSUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ISSUE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor="issue-owner-edit">Owner</label>
        <input id="issue-owner-edit" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={120} />
        <button type="button" onClick={() => void update(issue.id, { owner: owner.trim() })} disabled={owner.trim() === issue.owner}>
          Save owner
        </button>
      </div>
      <IssueOutreach issueId={issue.id} status={issue.status} />
      <AfterFix issue={issue} />
      <DataTable caption="Calls behind this issue" columns={callColumns} rows={issue.calls} rowKey={(c) => c.id} empty="No calls linked; its reasons bring the customers." />
      <CallPicker calls={unlinked} selected={linking} onChange={setLinking} legend="Link more calls" />
      <div className="form-actions">
        <button
          type="button"
          disabled={linking.length === 0}
          onClick={() => {
            void update(issue.id, { callIds: [...issue.calls.map((c) => c.id), ...linking] }).then((ok) => ok && setLinking([]));
          }}
        >
          Link {linking.length} selected call{linking.length === 1 ? '' : 's'}
        </button>
      </div>
    </section>
  );
}

const issueColumns = (open: (id: string) => void): Column<IssueSummary>[] => [
  {
    header: 'Issue',
    csv: (i) => i.title,
    cell: (i) => (
      <button type="button" className="link-button" onClick={() => open(i.id)}>
        {i.title}
      </button>
    ),
  },
  { header: 'Owner', csv: (i) => i.owner },
  { header: 'Status', csv: (i) => ISSUE_STATUS_LABELS[i.status] },
  { header: 'Reasons', csv: (i) => i.reasons.map((r) => r.name).join('; ') },
  { header: 'Customers', csv: (i) => i.customers, numeric: true },
  { header: 'Not won back', csv: (i) => i.stillLost, numeric: true },
  { header: 'Revenue at stake (monthly)', csv: (i) => i.revenueAtStake, cell: (i) => formatMoney(i.revenueAtStake), numeric: true },
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

  useEffect(() => {
    void load();
    api().call('reports.options', {}).then(setOptions).catch(reportError);
  }, [load, reportError]);

  const showForm = creating || draftReasons !== null;
  const byStake = [...issues].sort((a, b) => (a.status === 'fixed' ? 1 : 0) - (b.status === 'fixed' ? 1 : 0) || b.revenueAtStake - a.revenueAtStake);
  return (
    <div className="issues">
      <header className="trends-head">
        <h1>Issues to fix</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={showForm}>
          New issue
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
      <DataTable caption="Issues by monthly revenue at stake" columns={issueColumns((id) => void open(id))} rows={byStake} rowKey={(i) => i.id} empty="No issues yet. Turn a reason into one from Trends, or start one here." />
      {selected && <IssueDetailView key={selected.id + selected.updatedAt} issue={selected} />}
    </div>
  );
}
