import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AdminContainer } from '../../renderer/src/views/Admin';
import { SelectionEditor } from '../../renderer/src/views/admin/SelectionSection';
import { useAppStore } from '../../renderer/src/store';
import { installFakeApi } from './fakeApi';
import type { Role } from '../../shared/domain/roles';
import type { SelectionSettings } from '../../shared/domain/selection';

function signIn(role: Role) {
  useAppStore.setState({
    session: { user: { id: 'p1', name: 'Mia', role }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' },
  });
}

const base = {
  'people.list': () => [
    { id: 'p1', name: 'Mia', role: 'manager' as const },
    { id: 'e1', name: 'Eve Executive', role: 'executive' as const },
  ],
  'import.mappings.list': () => [],
};

describe('Admin for a manager', () => {
  it('offers the import and management sections; other roles do not see them', async () => {
    installFakeApi(base);
    signIn('agent');
    const { unmount } = render(<AdminContainer />);
    expect(await screen.findByRole('table', { name: 'People on this console' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Admin sections' })).not.toBeInTheDocument();
    unmount();
    signIn('manager');
    render(<AdminContainer />);
    const nav = await screen.findByRole('navigation', { name: 'Admin sections' });
    for (const name of ['Import', 'Unmapped reasons', 'Cycles', 'Whom to call', 'Assignment', 'Contact rules']) {
      expect(within(nav).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('heading', { name: 'Import departed customers' })).toBeInTheDocument();
  });

  it('maps an unmapped stated reason to a reason of the taxonomy', async () => {
    let texts = [{ text: 'Billing mix-up', customers: 2, revenue: 30 }];
    const { calls } = installFakeApi({
      ...base,
      'reasons.unmapped': () => ({
        texts,
        reasons: [
          { id: 'payment-admin.admin-error', name: 'Admin error', categoryId: 'payment-admin', categoryName: 'Payment or admin' },
          { id: 'price.too-expensive', name: 'Too expensive', categoryId: 'price', categoryName: 'Price / value for money' },
        ],
      }),
      'reasons.mapText': () => {
        texts = [];
        return { customers: 2 };
      },
    });
    signIn('manager');
    render(<AdminContainer />);
    await userEvent.click(await screen.findByRole('button', { name: 'Unmapped reasons' }));
    const select = await screen.findByLabelText('Reason for “Billing mix-up”');
    await userEvent.selectOptions(select, 'Admin error');
    await userEvent.click(screen.getByRole('button', { name: 'Map “Billing mix-up”' }));
    expect(await screen.findByText('Every stated reason maps to a reason of the taxonomy.')).toBeInTheDocument();
    expect(calls.find(([c]) => c === 'reasons.mapText')?.[1]).toEqual({
      text: 'Billing mix-up',
      reasonId: 'payment-admin.admin-error',
    });
  });

  it('shows a cycle: departed, revenue, queued, called, recovered, by segment and reason', async () => {
    installFakeApi({
      ...base,
      'cycles.list': () => [
        {
          id: '2026-11',
          name: 'November 2026',
          kind: 'monthly',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          departed: 3,
          revenue: 150,
        },
      ],
      'cycles.summary': () => ({
        cycle: {
          id: '2026-11',
          name: 'November 2026',
          kind: 'monthly',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          departed: 3,
          revenue: 150,
        },
        departed: 3,
        revenue: 150,
        noContact: 1,
        unmapped: 1,
        queued: 2,
        called: 1,
        recovered: 1,
        bySegment: [{ label: 'Retail', customers: 3, revenue: 150 }],
        byValueBand: [{ label: '', customers: 3, revenue: 150 }],
        byReason: [
          { label: 'Too expensive', category: 'Price / value for money', mapped: true, customers: 2, revenue: 120 },
          { label: 'Billing mix-up', category: null, mapped: false, customers: 1, revenue: 30 },
        ],
      }),
    });
    signIn('manager');
    render(<AdminContainer />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cycles' }));
    expect(await screen.findByText('Recovered')).toBeInTheDocument();
    expect(screen.getByText('In the queue').nextSibling).toHaveTextContent('2');
    const reasons = screen.getByRole('table', { name: 'By stated reason' });
    expect(within(reasons).getByRole('row', { name: /Billing mix-up unmapped 1/ })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'By value band' })).not.toBeInTheDocument();
  });

  it('assigns the highest-value customers to the executives by rule', async () => {
    const { calls } = installFakeApi({
      ...base,
      'queue.filters': () => ({ segments: [], categories: [], cycles: [{ id: '2026-11', name: 'November 2026' }] }),
      'assignment.overview': () => [{ personId: 'e1', name: 'Eve Executive', role: 'executive', assigned: 0, cap: 10 }],
      'queue.list': () => ({ items: [], total: 0 }),
      'assignment.byRule': () => ({
        assigned: 10,
        perPerson: [{ personId: 'e1', name: 'Eve Executive', count: 10 }],
        shortBecause: null,
      }),
    });
    signIn('manager');
    render(<AdminContainer />);
    await userEvent.click(await screen.findByRole('button', { name: 'Assignment' }));
    expect(await screen.findByRole('cell', { name: '0 of 10' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Assign by rule' }));
    expect(calls.find(([c]) => c === 'assignment.byRule')?.[1]).toEqual({ cycleId: '2026-11', role: 'executive', count: 10 });
    // The confirmation goes to the console's notices.
    await expect.poll(() => useAppStore.getState().notices.map((n) => n.text)).toContain('Assigned 10 customers.');
  });
});

describe('the selection editor', () => {
  it('builds "monthly revenue >= 50 and reason not unrecoverable" and saves it with bands', async () => {
    let saved: SelectionSettings | null = null;
    render(
      <SelectionEditor
        busy={false}
        view={{
          rules: [],
          valueBands: [],
          segmentPoints: [],
          selected: 1863,
          choices: {
            segments: ['Two year'],
            products: ['DSL'],
            categories: [{ id: 'not-recoverable', name: 'Not recoverable' }],
          },
        }}
        onSave={(s) => (saved = s)}
      />,
    );
    expect(screen.getByText(/1,863 customers are selected now/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await userEvent.clear(screen.getByLabelText('Rule 1 condition 1: value'));
    await userEvent.type(screen.getByLabelText('Rule 1 condition 1: value'), '50');
    await userEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    await userEvent.selectOptions(screen.getByLabelText('Rule 1 condition 2: field'), 'stated reason category');
    await userEvent.selectOptions(screen.getByLabelText('Rule 1 condition 2: comparison'), 'is not');
    await userEvent.selectOptions(screen.getByLabelText('Rule 1 condition 2: value'), 'Not recoverable');
    expect(
      screen.getByText('Queues customers whose monthly revenue >= 50 and stated reason category is not Not recoverable.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add value band' }));
    await userEvent.type(within(screen.getByRole('group', { name: 'Value band 1' })).getByLabelText('Name'), 'High');
    await userEvent.click(screen.getByRole('button', { name: 'Save and select' }));
    expect(saved).toEqual({
      rules: [
        {
          name: 'Rule 1',
          enabled: true,
          conditions: [
            { field: 'monthlyRevenue', op: '>=', value: 50 },
            { field: 'reasonCategory', op: 'is not', value: 'not-recoverable' },
          ],
        },
      ],
      valueBands: [{ name: 'High', minRevenue: 0, points: 0 }],
      segmentPoints: [],
    });
  });

  it('marks a value band without a name at its field, focused, and saves nothing', async () => {
    let saved: SelectionSettings | null = null;
    render(
      <SelectionEditor
        busy={false}
        view={{ rules: [], valueBands: [], segmentPoints: [], selected: 10, choices: { segments: [], products: [], categories: [] } }}
        onSave={(s) => (saved = s)}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add value band' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save and select' }));
    const name = within(screen.getByRole('group', { name: 'Value band 1' })).getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Give the band a name.');
    await waitFor(() => expect(name).toHaveFocus());
    expect(screen.queryByText(/valueBands\.0\.name/)).toBeNull();
    expect(saved).toBeNull();
  });
});
