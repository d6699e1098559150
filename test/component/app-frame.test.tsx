import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { describeSync } from '../../renderer/src/components/StatusArea';
import { i18next } from '../../renderer/src/i18n';
import { installFakeApi } from './fakeApi';
import type { QueueItem } from '../../shared/api/queue';

const item = (id: number, name: string, revenue: number): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: '+1 555-0100', segment: 'Month-to-month', product: 'DSL',
  monthlyRevenue: revenue, statedReason: 'Price too high', reasonCategory: 'Price / value for money', cycle: 'November 2026',
  attempts: 0, callbackAt: null, priority: revenue, why: { key: 'why.queued.lost', params: { lost: { amount: revenue, currency: 'USD' } } }, assignedTo: null,
  assignedToId: null, valueBand: null, timezone: 'America/New_York', localTime: '10:00', callableNow: true,
  notCallableBecause: null, callbackWith: null,
});

function signedIn(items: QueueItem[], demo = false) {
  return installFakeApi({
    'session.get': () => ({ user: { id: 'p1', name: 'Ann', role: 'agent' }, demo, callingHoursEnforced: !demo, appVersion: '0.1.0' }),
    'queue.list': (q) => {
      const hits = items.filter((i) => !q.search || (i.name ?? '').includes(q.search));
      return { items: hits, total: hits.length };
    },
    'sync.status': () => ({ hubConfigured: false, online: null, pending: 2, lastSyncAt: null, lastError: null }),
    'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
    'customers.get': (i) => ({
      id: i.id, externalId: `C-${i.id}`, name: 'Ada Example', company: null, phone: '+1 555-0100', email: null, timezone: null,
      segment: 'Month-to-month', product: 'DSL', monthlyRevenue: 99.5, tenureMonths: 12, departedAt: null, statedReason: 'Price too high',
      statedReasonMapped: 'Too expensive', reasonCategory: 'Price / value for money', frontlineRep: 'Rep Avery', frontlineTeam: 'Billing',
      notes: null, cycle: 'November 2026', doNotContact: false, controlGroup: false, callBlock: null, consent: { phone: null, email: null, post: null }, calls: [],
    }),
  });
}

describe('the app frame', () => {
  it('navigates between the five views', async () => {
    signedIn([]);
    render(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    for (const name of ['Queue', 'Call', 'Trends', 'Intensive care', 'Admin']) {
      expect(within(nav).getByRole('button', { name })).toBeInTheDocument();
    }
    await userEvent.click(within(nav).getByRole('button', { name: 'Call' }));
    expect(await screen.findByRole('heading', { name: 'Call' })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Call' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists the queue, searches it, and opens a customer card', async () => {
    signedIn([item(1, 'Ada Example', 99.5), item(2, 'Bruno Sample', 80)]);
    render(<App />);
    const list = await screen.findByRole('listbox', { name: 'Customers to call' });
    expect(await within(list).findAllByRole('option')).toHaveLength(2);
    expect(screen.getByText('2 customers to call')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Search queue'), 'Bruno');
    expect(await screen.findByText('1 customer to call')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Search queue'));
    await userEvent.click(await screen.findByRole('option', { name: /Ada Example/ }));
    const card = await screen.findByRole('complementary', { name: 'Customer card' });
    expect(await within(card).findByText('Rep Avery, Billing')).toBeInTheDocument();
  });

  it('shows the demo banner and the sync status in words', async () => {
    signedIn([], true);
    render(<App />);
    expect(await screen.findByRole('note')).toHaveTextContent('calling-hours rule is off');
    // Read once the queue's rows are on screen (src/lib/afterFirstRows.ts).
    const status = await screen.findByRole('status', { name: 'Sync status' });
    await waitFor(() => expect(status).toHaveTextContent('Standalone: no hub configured'));
    // The demo banner sits inside the page's banner landmark, not loose on the page.
    expect(within(screen.getByRole('banner')).getByRole('note')).toBeInTheDocument();
  });
});

describe('describeSync', () => {
  it('does not count events waiting for a hub there is none of', () => {
    const text = describeSync({ hubConfigured: false, online: null, pending: 100_001, lastSyncAt: null, lastError: null }, false, i18next.t);
    expect(text).toBe('Standalone: no hub configured. Everything is saved on this desk; nothing is synced.');
    expect(text).not.toMatch(/waiting/);
  });

  it('says offline with the waiting events and the last problem', () => {
    const text = describeSync({ hubConfigured: true, online: false, pending: 3, lastSyncAt: null, lastError: 'The hub refused the token.' }, false, i18next.t);
    expect(text).toBe('Offline: 3 events waiting to sync, not synced yet. Last problem: The hub refused the token.');
    expect(describeSync(null, true, i18next.t)).toMatch(/^Offline: the console backend is not answering/);
  });
});
