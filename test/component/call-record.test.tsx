import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { CallDetail } from '../../shared/api/call';
import type { QueueItem } from '../../shared/api/queue';
import { installFakeApi } from './fakeApi';
import { appSession, card, SYNC_OK, taxonomy } from './callSession';

const item: QueueItem = {
  id: 7, externalId: 'C-7', name: 'Ada Example', company: null, phone: '+1 555-0107', segment: null, product: null,
  monthlyRevenue: 99.5, statedReason: null, reasonCategory: null, cycle: null, attempts: 1, callbackAt: null, priority: 99.5, why: { key: 'why.queued.noRule' }, assignedTo: null,
  assignedToId: null, valueBand: null, timezone: 'America/Los_Angeles', localTime: '10:00', callableNow: true, notCallableBecause: null, callbackWith: null,
};

const detail: CallDetail = {
  id: 'k1', customerId: 7, customerName: 'Ada Example', caller: 'Ann Agent', callerRole: 'agent',
  startedAt: '2026-11-16T15:00:00Z', completedAt: '2026-11-16T15:09:00Z', outcome: 'declined', callbackAt: null, callbackLocal: null, reactivationUntil: null,
  customerWords: 'Too dear', reasonConfirmed: true, offerSkippedBecause: null, summary: '',
  stages: [{ stage: 'assist', note: 'Refunded', assistActions: ['fixed_billing'] }],
  reasons: [{ reasonId: 'price.too-expensive', name: 'Too expensive', categoryId: 'price', category: 'Price / value for money', primary: true }],
  offers: [{ offerId: 'offer.loyalty-discount', name: '15% off for 3 months', answer: 'declined', code: null }],
  feedback: [], amendments: [],
};

describe('a completed call on the customer card', () => {
  it('shows its outcome, and is corrected only through a recorded amendment', async () => {
    let current = detail;
    const api = installFakeApi({
      'session.get': () => appSession(),
      'sync.status': () => SYNC_OK,
      'queue.list': () => ({ items: [item], total: 1 }),
      'call.resume': () => ({ customerId: null }),
      'customers.get': () => card({ calls: [{ id: 'k1', at: current.completedAt, caller: 'Ann Agent', outcome: current.outcome, diagnosedReason: 'Too expensive' }] }),
      'call.get': () => current,
      'taxonomy.list': () => taxonomy(),
      'call.amend': (i) => {
        current = {
          ...current,
          outcome: i.outcome ?? current.outcome,
          reactivationUntil: i.reactivationUntil ?? current.reactivationUntil,
          amendments: [{ id: 'a1', at: '2026-11-17T09:30:00Z', by: 'Ann Agent', note: i.note, changes: ['Outcome: Declined → Considering', 'End of reactivation period: — → 2026-12-17'] }],
        };
        return current;
      },
    });
    render(<App />);
    await userEvent.click(await screen.findByRole('option', { name: /Ada Example/ }));
    const calls = await screen.findByRole('list', { name: 'Earlier calls' });
    expect(calls).toHaveTextContent('Ann Agent · Declined · Too expensive');

    await userEvent.click(within(calls).getByRole('button', { name: 'Details' }));
    expect(await screen.findByLabelText("Customer's words")).toHaveTextContent('Too dear');
    expect(screen.getByText('Assist: Fixed billing. Refunded')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Correct this call' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Say why the call is corrected.');

    await userEvent.selectOptions(screen.getByLabelText('Corrected outcome'), 'Considering');
    await userEvent.type(screen.getByLabelText('End of reactivation period'), '2026-12-17');
    await userEvent.type(screen.getByLabelText('Why it is corrected'), 'Customer rang back');
    await userEvent.click(screen.getByRole('button', { name: 'Save correction' }));

    expect(api.calls).toContainEqual(['call.amend', { callId: 'k1', note: 'Customer rang back', outcome: 'considering', reactivationUntil: '2026-12-17' }]);
    const corrections = await screen.findByRole('list', { name: 'Corrections' });
    expect(corrections).toHaveTextContent('by Ann Agent: Customer rang back');
    expect(corrections).toHaveTextContent('Outcome: Declined → Considering');
    await waitFor(() => expect(screen.getByRole('list', { name: 'Earlier calls' })).toHaveTextContent('Ann Agent · Considering · Too expensive'));
  });
});
