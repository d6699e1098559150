import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HandAssignment } from '../../renderer/src/views/admin/HandAssignment';
import { Notices } from '../../renderer/src/components/Notices';
import { installFakeApi } from './fakeApi';
import type { QueueItem, QueueQuery } from '../../shared/api/queue';

const row = (id: number, name: string, assignedTo: string | null): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: null, segment: null, product: null, monthlyRevenue: 100 + id, statedReason: null,
  reasonCategory: null, cycle: 'November 2026', attempts: 0, callbackAt: null, priority: 50, why: { key: 'why.queued.noRule' }, assignedTo,
  assignedToId: assignedTo ? 'e1' : null, valueBand: null, timezone: 'UTC', localTime: '10:00', callableNow: true, notCallableBecause: null,
  callbackWith: null,
});

describe('assignment by hand', () => {
  it('searches, selects all that match, and names what it takes from whom before assigning, with one notice', async () => {
    const queries: QueueQuery[] = [];
    const assigned: unknown[] = [];
    installFakeApi({
      'queue.list': (q) => {
        queries.push(q);
        const all = [row(1, 'Ada Fakeford', 'Morgan Executive'), row(2, 'Ada Fakeford', 'Morgan Executive'), row(3, 'Ada Fakeford', null), row(4, 'Bruno Sample', null)];
        const hits = all.filter((i) => !q.search || (i.name ?? '').includes(q.search));
        return { items: hits, total: hits.length };
      },
      'assignment.preview': (i) => ({
        moving: i.customerIds.length,
        takenFrom: [{ personId: 'e1', name: 'Morgan Executive', role: 'executive', count: 2, before: 10, after: 8, cap: 10 }],
      }),
      'assignment.assign': (i) => {
        assigned.push(i);
        return { assigned: i.customerIds.length };
      },
    });
    render(
      <>
        <Notices />
        <HandAssignment cycleId="2026-11" people={[{ personId: 'a1', name: 'Ann Agent' }, { personId: 'e1', name: 'Morgan Executive' }]} onAssigned={() => undefined} />
      </>,
    );
    await screen.findByText('4 matching.');
    await userEvent.type(screen.getByLabelText('Search by name, phone or id'), 'Ada');
    await screen.findByText('3 matching.');
    expect(queries.at(-1)).toMatchObject({ cycleId: '2026-11', search: 'Ada', limit: 500 });
    await userEvent.selectOptions(screen.getByLabelText('Assigned to'), 'Nobody (shared queue)');
    expect(queries.at(-1)).toMatchObject({ assignee: 'unassigned' });
    await userEvent.selectOptions(screen.getByLabelText('Assigned to'), 'Anyone');
    await screen.findByText('3 matching.');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all 3 listed' }));
    await userEvent.selectOptions(screen.getByLabelText('Assign the selected to'), 'Ann Agent');
    await userEvent.click(screen.getByRole('button', { name: 'Assign 3 selected' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent('This takes 2 from Morgan Executive (leaving 8 of 10) and gives 3 customers to Ann Agent.');
    expect(assigned).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Assign anyway' }));
    expect(assigned).toEqual([{ customerIds: [1, 2, 3], personId: 'a1' }]);
    expect(await screen.findAllByText('3 customers assigned to Ann Agent.')).toHaveLength(1);
  });
});
