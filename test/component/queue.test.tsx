import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueueContainer } from '../../renderer/src/views/Queue';
import { installFakeApi } from './fakeApi';
import type { QueueItem, QueueQuery } from '../../shared/api/queue';

const item = (id: number, name: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id,
  externalId: `C-${id}`,
  name,
  company: null,
  phone: '+1 555-0100',
  segment: 'Two year',
  product: 'DSL',
  monthlyRevenue: 90,
  statedReason: 'Price too high',
  reasonCategory: 'Price / value for money',
  cycle: 'November 2026',
  attempts: 0,
  callbackAt: null,
  priority: 71.4,
  why: {
    key: 'why.queued.sentence',
    params: {
      reasons: { key: 'why.queued.byRule', params: { rule: 'Worth a call' } },
      facts: { key: 'why.queued.lostAndLeft', params: { lost: { amount: 90, currency: 'USD' }, left: 'Price too high' } },
      priority: { key: 'why.queued.priority', params: { score: 71, parts: { list: [{ key: 'why.queued.part.revenue', params: { points: { signed: 31 } } }], join: 'comma' } } },
    },
  },
  assignedTo: null,
  assignedToId: null,
  valueBand: 'High',
  timezone: 'America/New_York',
  localTime: '10:00',
  callableNow: true,
  notCallableBecause: null,
  callbackWith: null,
  ...over,
});

describe('the queue', () => {
  it('shows why each customer is queued, their priority, and who cannot be dialled now', async () => {
    installFakeApi({
      'queue.list': () => ({
        items: [
          item(1, 'Ada Example'),
          item(2, 'Bruno Sample', {
            callableNow: false,
            localTime: '07:00',
            timezone: 'America/Los_Angeles',
            notCallableBecause: { key: 'why.hours.outside', params: { time: '07:00', zone: 'America/Los_Angeles', start: '09:00', end: '20:00' } },
          }),
        ],
        total: 2,
      }),
      'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
    });
    render(<QueueContainer />);
    const list = await screen.findByRole('listbox', { name: 'Customers to call' });
    const ada = within(list).getByRole('option', { name: /Ada Example/ });
    // One or two lines with what an agent decides on: name, id, revenue, priority, callable now, reason.
    expect(ada).toHaveTextContent('Ada Example');
    expect(ada).toHaveTextContent('C-1');
    expect(ada).toHaveTextContent('$90.00/mo');
    expect(ada).toHaveTextContent('P 71');
    expect(ada).toHaveTextContent('Callable now · 10:00 their time');
    expect(ada).toHaveTextContent('Price too high');
    // The long "why queued" is on the card, not repeated in every row.
    expect(ada).not.toHaveTextContent('Selected by rule');
    expect(within(list).getByRole('option', { name: /Bruno Sample/ })).toHaveTextContent('Not now · 07:00 their time');
  });

  it('filters by segment, reason and cycle', async () => {
    const queries: QueueQuery[] = [];
    installFakeApi({
      'queue.list': (q) => {
        queries.push(q);
        return { items: [item(1, 'Ada Example')], total: 1 };
      },
      'queue.filters': () => ({
        segments: ['Month-to-month', 'Two year'],
        categories: [{ id: 'price', name: 'Price / value for money' }],
        cycles: [{ id: '2026-11', name: 'November 2026' }],
      }),
    });
    render(<QueueContainer />);
    const filters = await screen.findByRole('search', { name: 'Queue filters' });
    await within(filters).findByRole('option', { name: 'Two year' });
    await userEvent.selectOptions(within(filters).getByLabelText('Segment'), 'Two year');
    await userEvent.selectOptions(within(filters).getByLabelText('Reason'), 'Price / value for money');
    await userEvent.selectOptions(within(filters).getByLabelText('Cycle'), 'November 2026');
    expect(queries.at(-1)).toMatchObject({ segment: 'Two year', reasonCategory: 'price', cycleId: '2026-11' });
    await userEvent.selectOptions(within(filters).getByLabelText('Segment'), 'All segments');
    expect(queries.at(-1)?.segment).toBeUndefined();
    await userEvent.click(within(filters).getByRole('checkbox', { name: 'Callable now only' }));
    expect(queries.at(-1)).toMatchObject({ callableNow: true });
    await userEvent.selectOptions(within(filters).getByLabelText('Order'), 'Callable now first');
    expect(queries.at(-1)).toMatchObject({ callableNow: true, sort: 'callable' });
  });
});
