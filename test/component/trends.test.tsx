import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { TrendsView } from '../../renderer/src/views/Trends';
import { loadViews, TrendsView as LazyTrendsView } from '../../renderer/src/views/lazyViews';
import { Notices } from '../../renderer/src/components/Notices';
import { useAppStore } from '../../renderer/src/store';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';
import { agreement, byCycle, matrix, options, recovery, statedReasons } from './trendsData';

/** Every file the view saves, as the browser would receive it. */
let saved: { name: string; blob: Blob }[];
beforeEach(() => {
  saved = [];
  const urls = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${(n += 1)}`;
    urls.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = urls.get(this.href);
    if (blob) saved.push({ name: this.download, blob });
  });
});
afterEach(() => vi.restoreAllMocks());

function fakeReports(role: Role = 'manager', overrides: Parameters<typeof installFakeApi>[0] = {}) {
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
  return installFakeApi({
    'reports.options': () => options(role === 'manager' ? 'all' : 'own'),
    'reports.reasons': (i) => (i.group === 'cycle' ? byCycle : statedReasons),
    'reports.recovery': () => recovery,
    'reports.offerMatrix': () => matrix,
    'reports.agreement': () => agreement,
    ...overrides,
  });
}

const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent ?? ''));

describe('the Trends view', () => {
  it('shows each chart with its numbers as a table beside it', async () => {
    fakeReports();
    const { container } = render(<TrendsView />);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    // The panels under the headline chart follow in a render of their own.
    await screen.findByRole('heading', { name: 'Trend across cycles: lost monthly revenue per category' });
    for (const title of ['Trend across cycles: lost monthly revenue per category', 'Recovery by diagnosed reason', 'Recovery by offer', 'Recovery by segment', 'Recovery by caller', 'Executives and the recovery team', 'Offer effectiveness: reason by offer', 'Stated versus diagnosed reasons']) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    // Charts are drawn (SVG) and described in words for screen readers.
    expect(container.querySelectorAll('figure svg').length).toBeGreaterThanOrEqual(8);
    expect(screen.getByRole('img', { name: /The largest is Too expensive at \$120\.00 \(42\.9%\)/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /across 2 cycles/ })).toBeInTheDocument();

    const pareto = screen.getByRole('table', { name: 'Reasons by lost monthly revenue' });
    expect(cellsOf(pareto).map((r) => r.slice(0, 6))).toEqual([
      ['Price / value for money', 'Too expensive', '2', '$120.00', '42.9%', '42.9%'],
      ['Service experience', 'Attitude of support person', '1', '$80.00', '28.6%', '71.4%'],
      ['Competitor', 'Competitor made a better offer', '1', '$50.00', '17.9%', '89.3%'],
      ['Unmapped', 'Weird "odd", reason', '1', '$30.00', '10.7%', '100.0%'],
    ]);
    const trend = screen.getByRole('table', { name: 'Lost monthly revenue per category and cycle' });
    expect(within(trend).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Category', 'October 2026', 'November 2026']);
    expect(cellsOf(trend)[0]).toEqual(['Price / value for money', '$100.00', '$20.00']);
    expect(cellsOf(screen.getByRole('table', { name: 'Executives and the recovery team' }))).toEqual([
      ['Recovery team', '5', '2', '40.0%', '$180.00'],
      ['Executives', '2', '1', '50.0%', '$20.00'],
    ]);
    expect(screen.getByText(/matched the stated one 80\.0% of the time/)).toBeInTheDocument();
    const totals = screen.getByLabelText('Totals');
    expect(within(totals).getByText('Recovery rate').nextSibling).toHaveTextContent('42.9%');
    expect(within(totals).getByText('Monthly revenue lost').nextSibling).toHaveTextContent('$280.00');
    // Each headline figure says what it counts.
    expect(totals).toHaveAccessibleDescription(/count every departed customer, by the reason they stated/);
  });

  it('downloads each table as CSV with the same rows, names with quotes and commas intact', async () => {
    fakeReports();
    const user = userEvent.setup();
    render(<TrendsView />);
    await user.click(await screen.findByRole('button', { name: 'Download CSV: Reasons by lost monthly revenue' }));
    expect(saved).toHaveLength(1);
    const file = saved[0];
    expect(file?.name).toMatch(/^winback-reasons-by-lost-monthly-revenue-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file?.blob.type).toBe('text/csv;charset=utf-8');
    const rows = parse<Record<string, string>>(await (file?.blob.text() ?? Promise.resolve('')), { columns: true, bom: true });
    expect(rows.map((r) => [r.Reason, r.Departed, r['Revenue lost (USD)'], r.Cumulative])).toEqual([
      ['Too expensive', '2', '120', '0.4286'],
      ['Attitude of support person', '1', '80', '0.7143'],
      ['Competitor made a better offer', '1', '50', '0.8929'],
      ['Weird "odd", reason', '1', '30', '1'],
    ]);
  });

  it('asks again with the filters and the reason basis chosen', async () => {
    const fake = fakeReports();
    const user = userEvent.setup();
    render(<TrendsView />);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    await user.selectOptions(screen.getByLabelText('Segment'), 'Two year');
    await user.selectOptions(screen.getByLabelText('Cycle'), 'November 2026');
    await user.click(screen.getByRole('radio', { name: 'Diagnosed on calls' }));
    await waitFor(() =>
      expect(fake.calls).toContainEqual(['reports.reasons', { by: 'diagnosed', segment: 'Two year', cycle: '2026-11' }]),
    );
    // The trend lines always run across cycles.
    expect(fake.calls).toContainEqual(['reports.reasons', { by: 'diagnosed', segment: 'Two year', cycle: undefined, group: 'cycle' }]);
    expect(fake.calls).toContainEqual(['reports.recovery', { segment: 'Two year', cycle: '2026-11' }]);
    expect(screen.getByText(/Cycle: November 2026/)).toBeInTheDocument();
    expect(screen.getByText(/Reasons diagnosed on calls · Segment: Two year/)).toBeInTheDocument();
    // The headline figures say they now count customers diagnosed on calls, not every departed customer.
    const totals = screen.getByLabelText('Totals');
    await waitFor(() => expect(within(totals).getByText('Customers diagnosed on calls')).toBeInTheDocument());
    expect(within(totals).queryByText('Departed customers')).toBeNull();
    expect(totals).toHaveAccessibleDescription(/count only the departed customers whose reason was diagnosed on a completed call/);
  });

  it('asks only for the reports when a filter changes, not again for what the filters offer', async () => {
    const fake = fakeReports();
    const user = userEvent.setup();
    render(<TrendsView />);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    const asked = (channel: string) => fake.calls.filter(([c]) => c === channel).length;
    expect(asked('reports.options')).toBe(1);
    await user.selectOptions(screen.getByLabelText('Segment'), 'Two year');
    await user.click(screen.getByRole('radio', { name: 'Diagnosed on calls' }));
    await waitFor(() => expect(fake.calls).toContainEqual(['reports.reasons', { by: 'diagnosed', segment: 'Two year' }]));
    expect(asked('reports.options')).toBe(1);
    // The filters keep their choices while the new figures arrive.
    expect(screen.getByLabelText('Segment')).toHaveValue('Two year');
  });

  it("keeps a filter's previous figures on screen while its own arrive, dimmed and said to be updating", async () => {
    let release = () => undefined as void;
    const arrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    const twoYear = { ...statedReasons, totals: { ...statedReasons.totals, departed: 2 } };
    fakeReports('manager', {
      'reports.reasons': (i) => (i.group === 'cycle' ? byCycle : i.segment === 'Two year' ? (arrived.then(() => twoYear) as never) : statedReasons),
    });
    const user = userEvent.setup();
    const { container } = render(<TrendsView />);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    const departed = () => within(screen.getByLabelText('Totals')).getByText('Departed customers').nextSibling;
    expect(departed()).toHaveTextContent('5');
    expect(screen.queryByText(/^Updating/)).toBeNull();

    await user.selectOptions(screen.getByLabelText('Segment'), 'Two year');
    // The old figures stay, marked as the previous choice's, not passed off as the segment's.
    expect(await screen.findByText(/^Updating: the figures below are for the previous choice/)).toBeInTheDocument();
    expect(departed()).toHaveTextContent('5');
    expect(container.querySelector('.trends-headline')).toHaveAttribute('data-stale', 'true');

    release();
    await waitFor(() => expect(departed()).toHaveTextContent('2'));
    expect(screen.queryByText(/^Updating/)).toBeNull();
    expect(container.querySelector('.trends-headline')).not.toHaveAttribute('data-stale');
  });

  it('asks for the reports as the pointer rests on Trends, and does not ask again on the click', async () => {
    const fake = fakeReports('manager', {
      'session.get': () => ({ user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
      'queue.list': () => ({ items: [], total: 0 }),
    });
    const user = userEvent.setup();
    render(<App />);
    const trends = await screen.findByRole('button', { name: 'Trends' });
    const asked = () => fake.calls.filter(([c]) => c === 'reports.reasons').length;
    expect(asked()).toBe(0);
    await user.hover(trends);
    // The headline's reasons and the trend lines' reasons, before anything is clicked.
    await waitFor(() => expect(asked()).toBe(2));
    await user.click(trends);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    expect(asked()).toBe(2);
    expect(fake.calls.filter(([c]) => c === 'reports.options')).toHaveLength(1);
  });

  it('opens at once, with no loading step, once the views have been fetched in the background', async () => {
    fakeReports();
    await loadViews();
    render(<LazyTrendsView />);
    // React showed its loading fallback for at least 300 ms even when the script was already there.
    expect(screen.getByRole('heading', { name: 'Trends', level: 1 })).toBeInTheDocument();
    await screen.findByRole('heading', { name: /Where the revenue went/ });
  });

  it('saves the printable report as a PDF from the backend', async () => {
    const fake = fakeReports('manager', { 'reports.trendsPdf': () => ({ fileName: 'winback-trends-all-cycles-2026-11-16.pdf', base64: btoa('%PDF-1.7 test') }) });
    const user = userEvent.setup();
    render(<TrendsView />);
    await user.click(await screen.findByRole('button', { name: 'Save as PDF' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('winback-trends-all-cycles-2026-11-16.pdf');
    expect(saved[0]?.blob.type).toBe('application/pdf');
    expect(await saved[0]?.blob.text()).toBe('%PDF-1.7 test');
    expect(fake.calls).toContainEqual(['reports.trendsPdf', { by: 'stated', filters: {} }]);
  });

  it('tells an agent the view holds their own calls, without manager actions', async () => {
    fakeReports('agent');
    render(<TrendsView />);
    await screen.findByText(/Your own calls and the customers behind them/);
    expect(screen.queryByRole('button', { name: /Make issue/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Exports' })).not.toBeInTheDocument();
  });

  it('shows a failed report as a message the person can read', async () => {
    fakeReports('manager', { 'reports.recovery': () => ({ code: 'not_found', message: 'There is no recovery cycle named "Q9".' }) });
    render(
      <>
        <Notices />
        <TrendsView />
      </>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no recovery cycle named "Q9".');
  });

  it('streams an export with a progress bar and saves the file', async () => {
    let polls = 0;
    const fake = fakeReports('manager', {
      'exports.start': () => ({ jobId: 'j1', dataset: 'calls', fileName: 'winback-calls-2026-11-16.csv', state: 'running', rows: 0, total: 3, bytes: 0, error: null }),
      'exports.status': () => {
        polls += 1;
        return polls < 2
          ? { jobId: 'j1', dataset: 'calls', fileName: 'winback-calls-2026-11-16.csv', state: 'running', rows: 1, total: 3, bytes: 40, error: null }
          : { jobId: 'j1', dataset: 'calls', fileName: 'winback-calls-2026-11-16.csv', state: 'done', rows: 3, total: 3, bytes: 21, error: null };
      },
      'exports.read': (i) => (i.offset === 0 ? { text: '\uFEFFCall ID\r\n', nextOffset: 12, done: false } : { text: 'K1\r\nK2\r\nK3\r\n', nextOffset: 24, done: true }),
      'exports.discard': () => ({ discarded: true }),
    });
    const user = userEvent.setup();
    render(<TrendsView />);
    await user.click(await screen.findByRole('button', { name: 'Export calls (CSV)' }));
    expect(await screen.findByRole('progressbar', { name: 'Export of calls' })).toBeInTheDocument();
    await screen.findByText('Saved 3 rows as winback-calls-2026-11-16.csv.', undefined, { timeout: 3000 });
    expect(screen.getByRole('progressbar', { name: 'Export of calls' })).toHaveAttribute('value', '1');
    expect(saved.map((s) => s.name)).toEqual(['winback-calls-2026-11-16.csv']);
    // The byte-order mark survives into the file (Blob.text() would hide it).
    const bytes = Buffer.from(await (saved[0]?.blob.arrayBuffer() ?? Promise.resolve(new ArrayBuffer(0))));
    expect(bytes.toString('utf8')).toBe('\uFEFFCall ID\r\nK1\r\nK2\r\nK3\r\n');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fake.calls.filter(([c]) => c === 'exports.discard')).toEqual([['exports.discard', { jobId: 'j1' }]]);
  });

  it('turns a reason into a new issue, with the reason already ticked', async () => {
    fakeReports('manager', {
      'session.get': () => ({ user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
      'issues.list': () => ({ items: [] }),
      'issues.candidateCalls': () => ({ items: [] }),
      'queue.list': () => ({ items: [], total: 0 }),
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Trends' }));
    await user.click(await screen.findByRole('button', { name: 'Make issue: Attitude of support person' }));
    expect(await screen.findByRole('heading', { name: 'New issue' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Attitude of support person' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Too expensive' })).not.toBeChecked();
  });
});

describe('org-wide trends from the hub', () => {
  const orgWide = {
    rows: [
      { categoryId: 'price', category: 'Price / value for money', reasonId: 'price.too-expensive', reason: 'Too expensive', departed: 40, revenue: 3200, calls: 20, recovered: 5, recoveryRate: 0.25, recoveredRevenue: 400 },
      { categoryId: 'competitor', category: 'Competitor', reasonId: 'competitor.more-data', reason: 'Competitor offered more data', departed: 10, revenue: 900, calls: 4, recovered: 1, recoveryRate: 0.25, recoveredRevenue: 90 },
    ],
    totals: { departed: 50, revenue: 4100, calls: 24, recovered: 6, recoveryRate: 0.25, recoveredRevenue: 490 },
  };

  it("shows a manager with a hub every console's reasons beside this console's own, asking with the same filters", async () => {
    const api = fakeReports('manager', { 'hub.trends': () => orgWide });
    useAppStore.setState({ syncStatus: { hubConfigured: true, online: true, pending: 0, lastSyncAt: null, lastError: null } });
    render(<TrendsView />);
    const panel = await screen.findByRole('region', { name: 'Org-wide, from the hub: stated reasons by lost monthly revenue' });
    expect(within(panel).getByText(/Every console: 50 departed/)).toBeInTheDocument();
    const table = within(panel).getByRole('table', { name: 'Org-wide reasons, from the hub' });
    expect(cellsOf(table).map((r) => r.slice(1, 4))).toEqual([
      ['Too expensive', '40', '$3,200.00'],
      ['Competitor offered more data', '10', '$900.00'],
    ]);
    expect(screen.getByRole('heading', { name: /Where the revenue went/ })).toBeInTheDocument();
    expect(api.calls.filter(([c]) => c === 'hub.trends')[0]?.[1]).toMatchObject({ by: 'stated' });
  });

  it('says so when the hub cannot be read, and keeps the console report', async () => {
    fakeReports('manager', { 'hub.trends': () => ({ code: 'network', message: 'Could not reach the hub at 127.0.0.1:9.' }) });
    useAppStore.setState({ syncStatus: { hubConfigured: true, online: false, pending: 3, lastSyncAt: null, lastError: null } });
    render(<TrendsView />);
    expect(await screen.findByText("The hub's report could not be read: Could not reach the hub at 127.0.0.1:9.")).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Where the revenue went/ })).toBeInTheDocument();
  });

  it('is not shown without a hub', async () => {
    const api = fakeReports('manager');
    render(<TrendsView />);
    await screen.findByRole('heading', { name: /Where the revenue went/ });
    expect(screen.queryByRole('region', { name: /Org-wide/ })).toBeNull();
    expect(api.calls.some(([c]) => c === 'hub.trends')).toBe(false);
  });
});
