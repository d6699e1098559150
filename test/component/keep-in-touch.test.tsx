import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { KeepInTouchView } from '../../renderer/src/views/KeepInTouch';
import { AttributionPanel } from '../../renderer/src/views/trends/AttributionPanel';
import type { KeepInTouchCustomer } from '../../shared/api/keepInTouch';
import { installFakeApi } from './fakeApi';

const customer = (n: number, patch: Partial<KeepInTouchCustomer> = {}): KeepInTouchCustomer => ({
  customerId: n, externalId: `C${n}`, name: `Customer ${n}`, segment: 'One year', product: 'DSL', cycleId: '2026-11', departedAt: '2026-10-05',
  monthlyRevenue: 40, reasonId: 'price.too-expensive', reason: 'Too expensive', reasonSource: 'diagnosed', category: 'Price / value for money', statedText: null,
  lastOutcome: 'declined', lastContactAt: '2026-11-07T10:00:00.000Z',
  phone: { consent: 'no', open: false }, email: { consent: 'yes', open: true }, post: { consent: null, open: true }, ...patch,
});

const choices = {
  reasons: [{ id: 'price.too-expensive', name: 'Too expensive', categoryId: 'price' }, { id: 'service.reliability', name: 'Network outages', categoryId: 'service' }],
  categories: [{ id: 'price', name: 'Price / value for money' }],
  segments: ['One year'], products: ['DSL'], cycles: [{ id: '2026-11', name: 'November 2026' }],
};

describe('the keep-in-touch view', () => {
  it('shows the groups and the customers with consent per channel, loads further pages as it scrolls, and filters by reason', async () => {
    const total = 450;
    const fake = installFakeApi({
      'keepInTouch.choices': () => choices,
      'keepInTouch.list': (i) =>
        i.filters?.reasonId === 'service.reliability'
          ? { total: 1, revenue: 60, offset: 0, groups: [{ reasonId: 'service.reliability', reason: 'Network outages', category: 'Service', customers: 1, revenue: 60 }], items: [customer(900, { reasonId: 'service.reliability', reason: 'Network outages', reasonSource: 'stated', monthlyRevenue: 60 })] }
          : {
              total, revenue: total * 40, offset: i.offset ?? 0,
              groups: [{ reasonId: 'price.too-expensive', reason: 'Too expensive', category: 'Price / value for money', customers: total, revenue: total * 40 }],
              items: Array.from({ length: Math.min(i.limit ?? 100, total - (i.offset ?? 0)) }, (_, k) => customer((i.offset ?? 0) + k + 1)),
            },
    });
    render(<KeepInTouchView />);
    expect(await screen.findByText('450 customers to keep in touch with · $18,000.00 a month lost')).toBeInTheDocument();
    const groups = screen.getByRole('table', { name: 'By reason' });
    expect(within(groups).getByText('Too expensive')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Customers to keep in touch with' });
    // Virtualised: a screenful of the 450 is drawn, not all of them.
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveTextContent('Customer 1');
    expect(rows[0]).toHaveTextContent('Calls: not allowed (said no)');
    expect(rows[0]).toHaveTextContent('Emails: may contact (said yes)');
    expect(rows[0]).toHaveTextContent('Last contact');

    await userEvent.selectOptions(screen.getByLabelText('Reason'), 'Network outages');
    expect(await screen.findByText('1 customer to keep in touch with · $60.00 a month lost')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Customers to keep in touch with' })).getByRole('listitem')).toHaveTextContent('as they stated it');
    expect(fake.calls.filter(([c]) => c === 'keepInTouch.list').at(-1)?.[1]).toMatchObject({ filters: { reasonId: 'service.reliability' }, offset: 0 });
  });

  it('shows the backend\'s refusal of a filter as a message', async () => {
    const fake = installFakeApi({
      'keepInTouch.choices': () => choices,
      'keepInTouch.list': () => ({ code: 'invalid_input', message: 'The youngest departure age is more than the oldest: swap them.' }),
    });
    render(<KeepInTouchView />);
    await waitFor(() => expect(fake.calls.some(([c]) => c === 'keepInTouch.list')).toBe(true));
    expect(await screen.findByText(/swap them/)).toBeInTheDocument();
  });
});

describe('did it work, in Trends', () => {
  it('shows returns by kind of message beside customers touched, and saves a new window', async () => {
    const report = {
      windowDays: 90,
      totals: { touched: 12, returns: 3, revenueBack: 150 },
      byKind: [{ key: 'what_changed', label: 'what_changed', touched: 8, returns: 2, revenueBack: 100 }, { key: 'call', label: 'call', touched: 5, returns: 1, revenueBack: 50 }],
      byReason: [{ key: '', label: '', touched: 1, returns: 0, revenueBack: 0 }],
      byOutreach: [{ key: '', label: '', touched: 5, returns: 1, revenueBack: 50 }],
    };
    const fake = installFakeApi({ 'keepInTouch.attribution': () => report, 'keepInTouch.settings.set': (i) => ({ attributionDays: i.attributionDays }) });
    render(<AttributionPanel />);
    expect(await screen.findByText('3 of 12 customers touched came back within 90 days of their last touch: $150.00 a month back.')).toBeInTheDocument();
    const byKind = screen.getByRole('table', { name: 'By kind of message' });
    expect(within(byKind).getByRole('row', { name: /What changed/ })).toHaveTextContent('What changed82$100.00');
    expect(within(screen.getByRole('table', { name: 'By outreach' })).getByText('Calls outside an outreach')).toBeInTheDocument();
    const days = screen.getByLabelText('Count a return up to this many days after the last touch');
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save the window' }));
    await waitFor(() => expect(fake.calls.find(([c]) => c === 'keepInTouch.settings.set')?.[1]).toEqual({ attributionDays: 30 }));
  });
});
