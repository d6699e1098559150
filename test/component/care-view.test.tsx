import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { DueReviews } from '../../renderer/src/views/care/DueReviews';
import { useAppStore } from '../../renderer/src/store';
import type { CareList, IndicatorImport } from '../../shared/api/care';
import { installFakeApi } from './fakeApi';
import { careList, careSession, detail, item, retention, SYNC_OK, TODAY } from './careFixtures';
import type { Role } from '../../shared/domain/roles';

const people = [
  { id: 'p1', name: 'Ann Agent', role: 'agent' as const },
  { id: 'p2', name: 'Bo Agent', role: 'agent' as const },
  { id: 'm1', name: 'Mia Manager', role: 'manager' as const },
];

function signedIn(role: Role, list: () => CareList = () => careList(), extra: Parameters<typeof installFakeApi>[0] = {}) {
  return installFakeApi({
    'session.get': () => careSession(role),
    'sync.status': () => SYNC_OK,
    'queue.list': () => ({ items: [], total: 0 }),
    'call.resume': () => ({ customerId: null }),
    'care.list': () => list(),
    'care.get': () => detail(),
    'care.retention': () => retention(),
    'care.dueReviews': () => ({ today: TODAY, items: [] }),
    'care.getSettings': () => ({ reviewIntervalMonths: 6 }),
    'people.list': () => people,
    ...extra,
  });
}

async function openCare() {
  render(<App />);
  await userEvent.click(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Intensive care' }));
  return screen.findByRole('table', { name: 'Customers in intensive care' });
}

const rowNames = (table: HTMLElement) => within(table).getAllByRole('rowheader').map((h) => h.firstChild?.textContent);

describe('the Intensive care view', () => {
  it("lists an agent's own customers, overdue first, with the next review date and its state", async () => {
    const api = signedIn('agent');
    const table = await openCare();
    expect(rowNames(table)).toEqual(['Ada Example', 'Bruno Sample']);
    const ada = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(ada).toHaveTextContent('Overdue by 3 days');
    expect(ada).toHaveTextContent('Not reviewed yet');
    expect(within(ada).getByText((_t, el) => el?.tagName === 'TIME' && el.getAttribute('datetime') === '2027-02-28')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('In 90 days');
    expect(screen.getByText(/2 customers followed · 1 overdue · 0 due within a week · reviews every 6 months/)).toBeInTheDocument();
    expect(api.calls).toContainEqual(['care.list', { scope: 'mine' }]);
    // Agents neither reassign nor mark departures, and do not import files.
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /as departed again/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Indicator file')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Everyone' }));
    expect(api.calls).toContainEqual(['care.list', { scope: 'all' }]);
  });

  it('shows how recoveries hold: retained after 6 and 12 months, re-losses by reason and by offer', async () => {
    signedIn('agent');
    await openCare();
    const retained = await screen.findByRole('table', { name: 'Still retained after' });
    expect(within(retained).getAllByRole('row')[1]).toHaveTextContent('6 months4666.7%');
    expect(within(retained).getAllByRole('row')[2]).toHaveTextContent('nobody recovered 12 months ago yet');
    const byReason = screen.getByRole('table', { name: 'Re-losses by the reason diagnosed on the recovery call' });
    expect(within(byReason).getAllByRole('row')[1]).toHaveTextContent('Too expensive');
    expect(within(byReason).getAllByRole('row')[1]).toHaveTextContent('$130.00');
    const byOffer = screen.getByRole('table', { name: 'Re-losses by the offer accepted on the recovery call' });
    expect(within(byOffer).getAllByRole('row')[2]).toHaveTextContent('No offer accepted10$0.00');
  });

  it('opens a review, saves it, and the list shows the verdict and the next date', async () => {
    let list = careList();
    const api = signedIn('agent', () => list, {
      'care.completeReview': () => {
        list = careList({ items: [item({ enrolmentId: 'e2', name: 'Bruno Sample' }), item({ nextReviewOn: '2027-09-03', reviewState: 'upcoming', reviewStateText: 'In 184 days', reviews: 1, lastVerdict: 'healthy', lastReviewedOn: TODAY })] });
        return { reviewId: 'r', nextReviewOn: '2027-09-03' };
      },
    });
    const table = await openCare();
    await userEvent.click(within(table).getByRole('button', { name: 'Open review of Ada Example' }));
    const form = await screen.findByRole('form', { name: 'Review of Ada Example' });
    await userEvent.click(within(form).getByRole('radio', { name: 'Healthy' }));
    await userEvent.selectOptions(within(form).getByLabelText('Outreach made'), 'Email');
    await userEvent.click(within(form).getByRole('button', { name: 'Complete review' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Review of Ada Example' })).not.toBeInTheDocument());
    expect(api.calls.find(([c]) => c === 'care.completeReview')?.[1]).toMatchObject({ enrolmentId: 'e1', verdict: 'healthy', outreach: 'email' });
    expect(await screen.findByText(/^Review of Ada Example saved: Healthy\. Next review due /)).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Customers in intensive care' })).getAllByRole('row')[2] as HTMLElement;
    expect(row).toHaveTextContent('Healthy');
    expect(row).toHaveTextContent('In 184 days');
  });

  it('says why a review was not saved, and keeps the form', async () => {
    signedIn('agent', () => careList(), {
      'care.completeReview': () => ({ code: 'forbidden', message: "Only Bo Agent, who owns Ada Example's follow-up, or a manager can review them." }),
    });
    const table = await openCare();
    await userEvent.click(within(table).getByRole('button', { name: 'Open review of Ada Example' }));
    const form = await screen.findByRole('form', { name: 'Review of Ada Example' });
    await userEvent.click(within(form).getByRole('radio', { name: 'Watch' }));
    await userEvent.selectOptions(within(form).getByLabelText('Outreach made'), 'Email');
    await userEvent.click(within(form).getByRole('button', { name: 'Complete review' }));
    expect(await screen.findByText("Only Bo Agent, who owns Ada Example's follow-up, or a manager can review them.")).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Review of Ada Example' })).toBeInTheDocument();
  });
});

describe('the Intensive care view for a manager', () => {
  it('reassigns the owner', async () => {
    const api = signedIn('manager', () => careList(), { 'care.reassign': (i) => item({ ownerId: i.ownerId, ownerName: 'Bo Agent' }) });
    const table = await openCare();
    expect(api.calls).toContainEqual(['care.list', { scope: 'all' }]);
    await userEvent.selectOptions(within(table).getByRole('combobox', { name: 'Owner of Ada Example' }), 'Bo Agent');
    expect(api.calls).toContainEqual(['care.reassign', { enrolmentId: 'e1', ownerId: 'p2' }]);
    expect(await screen.findByText('Ada Example is now followed by Bo Agent.')).toBeInTheDocument();
  });

  it('marks a customer as departed again, who then shows as re-lost with the recovery', async () => {
    let list = careList();
    const api = signedIn('manager', () => list, {
      'care.markDeparted': (i) => {
        const relost = {
          enrolmentId: 'e1', customerId: 7, externalId: '7590-VHVEG', name: 'Ada Example', monthlyRevenue: 99.5, relostOn: i.departedOn ?? TODAY,
          source: 'manager' as const, note: i.note ?? '', recovery: detail().recovery,
        };
        list = careList({ items: careList().items.slice(1), relost: [relost] });
        return relost;
      },
    });
    const table = await openCare();
    await userEvent.click(within(table).getByRole('button', { name: 'Mark as departed again: Ada Example' }));
    const form = screen.getByRole('form', { name: 'Mark Ada Example as departed again' });
    expect(within(form).getByLabelText('Departed on')).toHaveValue(TODAY);
    await userEvent.clear(within(form).getByLabelText('Departed on'));
    await userEvent.type(within(form).getByLabelText('Departed on'), '2026-08-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm departure' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Ada Example was recovered on Aug 31, 2026; they cannot have departed again before.');
    await userEvent.clear(within(form).getByLabelText('Departed on'));
    await userEvent.type(within(form).getByLabelText('Departed on'), '2027-03-01');
    await userEvent.type(within(form).getByLabelText('What happened (optional)'), 'Cancelled by phone');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm departure' }));
    expect(api.calls).toContainEqual(['care.markDeparted', { enrolmentId: 'e1', departedOn: '2027-03-01', note: 'Cancelled by phone' }]);
    const relost = await screen.findByRole('table', { name: 'Re-lost customers' });
    expect(within(relost).getAllByRole('row')[1]).toHaveTextContent('Ada Example');
    expect(within(relost).getAllByRole('row')[1]).toHaveTextContent('by Ann Agent');
    expect(within(relost).getAllByRole('row')[1]).toHaveTextContent('Too expensive15% off for 3 monthsMarked by a managerCancelled by phone');
    expect(rowNames(screen.getByRole('table', { name: 'Customers in intensive care' }))).toEqual(['Bruno Sample']);
  });

  it('uploads an indicator file: previews it, lists the problems of a bad one, imports a good one', async () => {
    const bad: IndicatorImport = {
      fileName: 'bad.csv', rows: 1, applied: false, errorCount: 1, ignoredColumns: ['region'], preview: [],
      errors: [{ line: 3, column: 'satisfaction', message: 'The satisfaction must be from 1 to 5, not 9.' }],
    };
    const good = (dryRun: boolean): IndicatorImport => ({
      fileName: 'good.csv', rows: 1, applied: !dryRun, errorCount: 0, errors: [], ignoredColumns: [],
      preview: [{ line: 2, externalId: '7590-VHVEG', name: 'Ada Example', serviceContacts: 2, purchases: 3, spend: 12.5, supportTickets: null, satisfaction: 4 }],
    });
    const api = signedIn('manager', () => careList(), { 'care.importIndicators': (i) => (i.fileName === 'bad.csv' ? bad : good(i.dryRun)) });
    await openCare();
    const input = screen.getByLabelText('Indicator file');
    await userEvent.upload(input, new File(['customer_id,satisfaction\n'], 'bad.csv', { type: 'text/csv' }));
    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(problems).toHaveTextContent('Line 3, satisfaction: The satisfaction must be from 1 to 5, not 9.');
    expect(screen.getByText('Columns not read: region.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Import \d/ })).not.toBeInTheDocument();

    await userEvent.upload(input, new File(['customer_id,purchases\n7590-VHVEG,3\n'], 'good.csv', { type: 'text/csv' }));
    const preview = await screen.findByRole('table', { name: 'Preview' });
    expect(within(preview).getAllByRole('row')[1]).toHaveTextContent('2Ada Example23$12.50—4');
    expect(api.calls).toContainEqual(['care.importIndicators', { fileName: 'good.csv', content: 'customer_id,purchases\n7590-VHVEG,3\n', dryRun: true }]);
    await userEvent.click(screen.getByRole('button', { name: 'Import 1 row' }));
    expect(await screen.findByText('Imported indicators for 1 customer; their next review starts from them.')).toBeInTheDocument();
    expect(api.calls).toContainEqual(['care.importIndicators', { fileName: 'good.csv', content: 'customer_id,purchases\n7590-VHVEG,3\n', dryRun: false }]);
  });

  it('changes the review interval', async () => {
    const api = signedIn('manager', () => careList(), { 'care.setSettings': (i) => i });
    await openCare();
    const months = await screen.findByLabelText('Months between reviews');
    await waitFor(() => expect(months).toHaveValue(6));
    await userEvent.clear(months);
    await userEvent.type(months, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save interval' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Give a whole number of months from 1 to 24.');
    await userEvent.clear(months);
    await userEvent.type(months, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save interval' }));
    expect(api.calls).toContainEqual(['care.setSettings', { reviewIntervalMonths: 3 }]);
    expect(await screen.findByText(/Reviews are now every 3 months, from the next review scheduled/)).toBeInTheDocument();
  });
});

describe("due reviews in the owner's queue", () => {
  it('lists due and overdue reviews and opens one in Intensive care', async () => {
    const api = signedIn('agent', () => careList(), {
      'care.dueReviews': () => ({
        today: TODAY,
        items: [
          { enrolmentId: 'e1', customerId: 7, externalId: '7590-VHVEG', name: 'Ada Example', nextReviewOn: '2027-02-28', reviewState: 'overdue', reviewStateText: 'Overdue by 3 days' },
          { enrolmentId: 'e3', customerId: 9, externalId: '3668-QPYBK', name: null, nextReviewOn: '2027-03-06', reviewState: 'due', reviewStateText: 'Due in 3 days' },
        ],
      }),
    });
    // The desk's calendar counts the days: the fixtures' day, with only the clock's date faked.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${TODAY}T12:00:00`));
    render(<DueReviews />);
    const list = await screen.findByRole('list', { name: 'Intensive-care reviews due' });
    expect(screen.getByRole('heading', { name: 'Reviews due (2)' })).toBeInTheDocument();
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('Ada ExampleOverdue by 3 days');
    expect(second).toHaveTextContent('3668-QPYBKDue in 3 days');
    await userEvent.click(within(list).getByRole('button', { name: 'Open review of Ada Example' }));
    expect(useAppStore.getState().view).toBe('care');
    await waitFor(() => expect(useAppStore.getState().careDetail?.enrolmentId).toBe('e1'));
    expect(api.calls).toContainEqual(['care.get', { enrolmentId: 'e1' }]);
    vi.useRealTimers();
  });

  it('shows nothing when no review is due', async () => {
    const api = signedIn('agent');
    const { container } = render(<DueReviews />);
    await waitFor(() => expect(api.calls).toContainEqual(['care.dueReviews', {}]));
    expect(container).toBeEmptyDOMElement();
  });
});
