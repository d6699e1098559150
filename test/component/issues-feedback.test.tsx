import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IssuesView } from '../../renderer/src/views/Issues';
import { FeedbackView } from '../../renderer/src/views/Feedback';
import { App } from '../../renderer/src/App';
import { resetAppStore } from '../../renderer/src/store';
import type { IssueDetail } from '../../shared/api/issues';
import type { FeedbackItem } from '../../shared/api/feedback';
import { installFakeApi } from './fakeApi';
import { options } from './trendsData';

const issue = (patch: Partial<IssueDetail> = {}): IssueDetail => ({
  id: 'i1',
  title: 'Competitors outbid us',
  owner: 'Head of pricing',
  description: '',
  status: 'open',
  createdAt: '2026-10-20T12:00:00.000Z',
  updatedAt: '2026-10-20T12:00:00.000Z',
  fixedAt: null,
  reasons: [{ id: 'competitor.better-offer', name: 'Competitor made a better offer', category: 'Competitor' }],
  callCount: 0,
  customers: 2,
  stillLost: 2,
  revenueAtStake: 80,
  calls: [],
  afterFix: null,
  ...patch,
});

describe('the Issues view', () => {
  it('lists issues by revenue at stake and refuses a new one with nothing behind it', async () => {
    const fake = installFakeApi({
      'issues.list': () => ({ items: [issue(), issue({ id: 'i2', title: 'Billing letters late', revenueAtStake: 400, customers: 9, stillLost: 7 })] }),
      'reports.options': () => options(),
      'issues.candidateCalls': () => ({ items: [] }),
    });
    const user = userEvent.setup();
    render(<IssuesView />);
    const table = await screen.findByRole('table', { name: 'Issues by monthly revenue at stake' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Billing letters late');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('$400.00');

    await user.click(screen.getByRole('button', { name: 'New issue' }));
    await user.type(screen.getByLabelText('Title'), 'Something');
    await user.click(screen.getByRole('button', { name: 'Create issue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick at least one reason or one call.');
    expect(fake.calls.some(([c]) => c === 'issues.create')).toBe(false);
  });

  it('marks an issue fixed and shows its reasons since the fix', async () => {
    let current = issue();
    const fake = installFakeApi({
      'issues.list': () => ({ items: [current] }),
      'issues.get': () => current,
      'reports.options': () => options(),
      'issues.candidateCalls': () => ({ items: [] }),
      'issues.update': (i) => {
        current = issue({
          status: i.status ?? current.status,
          fixedAt: '2026-10-20T12:00:00.000Z',
          updatedAt: '2026-10-21T00:00:00.000Z',
          afterFix: { months: [{ month: '2026-10', departed: 0, revenue: 0, diagnosedCalls: 0 }, { month: '2026-11', departed: 1, revenue: 40, diagnosedCalls: 1 }], before: { departed: 0.33, revenue: 16.67, diagnosedCalls: 0.33 } },
        });
        return current;
      },
    });
    const user = userEvent.setup();
    render(<IssuesView />);
    await user.click(await screen.findByRole('button', { name: 'Competitors outbid us' }));
    expect(await screen.findByText(/monthly revenue at stake: 2 of 2 customers/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Issue status'), 'fixed');
    expect(fake.calls).toContainEqual(['issues.update', { id: 'i1', status: 'fixed' }]);
    expect(await screen.findByRole('heading', { name: /Since the fix on/ })).toBeInTheDocument();
    const months = screen.getByRole('table', { name: 'Its reasons month by month since the fix' });
    expect(within(months).getAllByRole('row')[2]).toHaveTextContent(/Nov 20261\$40\.001/);
    expect(screen.getByText(/Before the fix: 0\.33 departed a month/)).toBeInTheDocument();
  });
});

const item = (id: string, team: string | null, rep: string | null, text: string): FeedbackItem => ({
  id,
  createdAt: '2026-11-03T11:00:00.000Z',
  status: 'new',
  statusChangedAt: null,
  text,
  frontlineRep: rep,
  frontlineTeam: team,
  call: { id: `K-${id}`, completedAt: '2026-11-03T10:00:00.000Z', outcome: 'recovered', caller: 'Sam Agent', diagnosedReasonId: 'service.support-attitude', diagnosedReason: 'Attitude of support person' },
  customer: { id: 3, externalId: `C-${id}`, name: `Customer ${id}`, monthlyRevenue: 80, statedReason: 'Attitude of support person' },
});

describe('the Frontline feedback view', () => {
  it('groups the queue by team and rep with the call and customer, and moves an item along', async () => {
    const fake = installFakeApi({
      'feedback.queue': () => ({
        items: [item('F3', 'Billing desk', 'Rep Blake', 'Renewal letter came too late.'), item('F1', 'Support North', 'Rep Avery', 'Felt rushed.'), item('F2', 'Support North', 'Rep Avery', 'Never called back.')],
        total: 3,
        groups: [
          { team: 'Billing desk', rep: 'Rep Blake', new: 1, shared: 0, coached: 0, closed: 0 },
          { team: 'Support North', rep: 'Rep Avery', new: 2, shared: 0, coached: 0, closed: 1 },
        ],
      }),
      'feedback.counts': () => ({ rows: [{ period: '2026-11', team: 'Support North', rep: 'Rep Avery', reasonId: 'service.support-attitude', reason: 'Attitude of support person', count: 2 }] }),
      'feedback.setStatus': (i) => ({ ...item(i.id, 'Support North', 'Rep Avery', 'Felt rushed.'), status: i.status }),
    });
    const user = userEvent.setup();
    render(<FeedbackView />);
    const north = await screen.findByRole('region', { name: 'Team Support North' });
    const avery = within(north).getByRole('region', { name: 'Rep Avery, Support North' });
    expect(within(avery).getAllByRole('listitem')).toHaveLength(2);
    expect(within(avery).getByText('Felt rushed.')).toBeInTheDocument();
    expect(within(avery).getAllByText(/Customer F1 · \$80\.00\/month/)).toHaveLength(1);
    expect(within(avery).getAllByText(/by Sam Agent · Recovered · diagnosed: Attitude of support person/)).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Team Billing desk' })).toBeInTheDocument();
    const byRep = screen.getByRole('table', { name: 'Feedback by rep' });
    expect(within(byRep).getAllByRole('row')[2]).toHaveTextContent(/Support NorthRep Avery2001/);

    await user.selectOptions(screen.getByLabelText('Status of feedback about Customer F1'), 'coached');
    expect(fake.calls).toContainEqual(['feedback.setStatus', { id: 'F1', status: 'coached' }]);
    await user.selectOptions(screen.getByLabelText('Show'), 'closed');
    expect(fake.calls).toContainEqual(['feedback.queue', { status: 'closed' }]);
  });

  it('is in the navigation for managers only', async () => {
    const session = (role: 'manager' | 'agent') => ({ user: { id: 'p1', name: 'Pat', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' });
    for (const role of ['manager', 'agent'] as const) {
      resetAppStore();
      installFakeApi({
        'session.get': () => session(role),
        'queue.list': () => ({ items: [], total: 0 }),
        'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
      });
      const { unmount } = render(<App />);
      const nav = await screen.findByRole('navigation', { name: 'Main' });
      expect(within(nav).queryByRole('button', { name: 'Issues to fix' }) !== null).toBe(role === 'manager');
      expect(within(nav).queryByRole('button', { name: 'Frontline feedback' }) !== null).toBe(role === 'manager');
      expect(within(nav).getByRole('button', { name: 'Trends' })).toBeInTheDocument();
      unmount();
    }
  });
});
