import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import type { CallSession, CompletedCall } from '../../shared/api/call';
import type { CallingStatus } from '../../shared/api/contactPolicy';
import type { UnfinishedCall } from '../../shared/api/callsInProgress';
import type { QueueItem } from '../../shared/api/queue';
import type { CallState } from '../../shared/domain/callMachine';
import { useAppStore } from '../../renderer/src/store';
import { INFO_NOTICE_MS } from '../../renderer/src/store/noticeSlice';
import { installFakeApi } from './fakeApi';
import { appSession, callSession, card, SYNC_OK } from './callSession';

/** A working day on the floor, in the window: the queue by keyboard, the card, calls in progress, notices. */
const row = (id: number, name: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: `+1 555-01${String(id).padStart(2, '0')}`, segment: 'Month-to-month', product: 'DSL',
  monthlyRevenue: 100 - id, statedReason: 'Price too high', reasonCategory: 'Price / value for money', cycle: 'November 2026',
  attempts: 0, callbackAt: null, priority: 90 - id, why: {
    key: 'why.queued.sentence',
    params: {
      reasons: { key: 'why.queued.noRule' },
      facts: { key: 'why.queued.lost', params: { lost: { amount: 100 - id, currency: 'USD' } } },
      priority: { key: 'why.queued.priority', params: { score: 90 - id, parts: { list: [{ key: 'why.queued.part.revenue', params: { points: { signed: 40 - id } } }], join: 'comma' } } },
    },
  },
  assignedTo: null, assignedToId: null, valueBand: null, timezone: 'America/New_York', localTime: '10:00', callableNow: true,
  notCallableBecause: null, callbackWith: null, ...over,
});

const CALLABLE: CallingStatus = {
  callableNow: true, why: null, localTime: '10:00', timeZone: 'America/New_York', zoneNote: null, nextTryAt: null, overrideAllowed: false,
  openedOutsideHoursBecause: null,
};

interface Floor {
  items?: QueueItem[];
  status?: (customerId: number) => CallingStatus;
  unfinished?: () => UnfinishedCall[];
  role?: 'agent' | 'executive' | 'manager';
}

function floor(o: Floor = {}) {
  let items = o.items ?? [row(1, 'Ada Example'), row(2, 'Bruno Sample'), row(3, 'Chioma Example')];
  const completed: CallState[] = [];
  const started: unknown[] = [];
  const api = installFakeApi({
    'session.get': () => appSession(o.role ?? 'agent'),
    'sync.status': () => SYNC_OK,
    'queue.list': () => ({ items, total: items.length }),
    'customers.get': (i) => card({ id: i.id, externalId: `C-${i.id}`, name: items.find((x) => x.id === i.id)?.name ?? 'Ada Example' }),
    'contactPolicy.status': (i) =>
      completed.some((c) => c.customerId === i.customerId)
        ? { ...CALLABLE, callableNow: false, why: { key: 'why.retry.wait', params: { at: { at: '2026-11-16T12:00:00.000Z', timeZone: 'UTC' } } } }
        : o.status
          ? o.status(i.customerId)
          : CALLABLE,
    'call.unfinished': () => (o.unfinished ? o.unfinished() : []),
    'call.resume': () => ({ customerId: null }),
    'call.start': (i) => {
      started.push(i);
      const id = 'customerId' in i ? i.customerId : 1;
      const name = items.find((x) => x.id === id)?.name ?? 'Ada Example';
      const base = callSession('agent');
      const s: CallSession = { ...base, customer: { ...base.customer, id, name, externalId: `C-${id}` }, state: { ...base.state, customerId: id, callId: `0000000${id}-0000-4000-8000-000000000000` } };
      return s;
    },
    'call.startOutsideHours': (i) => {
      started.push({ outside: i });
      const base = callSession('agent');
      return { ...base, state: { ...base.state, customerId: i.customerId } };
    },
    'call.saveDraft': () => ({ savedAt: '2026-11-16T15:02:00.000Z' }),
    'call.complete': (i): CompletedCall => {
      completed.push(i.state);
      // The customer just called leaves the queue.
      items = items.filter((x) => x.id !== i.state.customerId);
      return { callId: i.state.callId, customerId: i.state.customerId, outcome: i.state.outcome ?? 'no_answer', callbackAt: null, codes: [] };
    },
  });
  return { ...api, completed, started };
}

const listbox = () => screen.findByRole('listbox', { name: 'Customers to call' });
const card_ = () => screen.getByRole('complementary', { name: 'Customer card' });

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('the queue by keyboard', () => {
  it('is one tab stop: arrows move through the customers, the card follows, Enter goes to Start call and Enter starts it', async () => {
    const api = floor();
    render(<App />);
    const list = await listbox();
    await within(list).findAllByRole('option');
    // The skip link is the first thing Tab reaches, and leads to the list.
    await userEvent.tab();
    expect(screen.getByRole('link', { name: 'Skip to the customers to call' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(list).toHaveFocus();
    expect(within(list).getByRole('option', { name: /Ada Example/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    const bruno = within(list).getByRole('option', { name: /Bruno Sample/ });
    expect(bruno).toHaveAttribute('aria-selected', 'true');
    expect(list).toHaveAttribute('aria-activedescendant', bruno.id);
    expect(await within(card_()).findByRole('heading', { name: 'Bruno Sample' })).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(card_()).getByRole('button', { name: 'Start call' })).toHaveFocus(), { timeout: 4000 });
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Call with Bruno Sample', level: 1 })).toBeInTheDocument();
    expect(api.started).toEqual([{ customerId: 2 }]);
  });

  it('puts the cursor in the search with "/" and shows every shortcut with "?"', async () => {
    floor();
    render(<App />);
    await listbox();
    await userEvent.keyboard('/');
    expect(screen.getByLabelText('Search queue')).toHaveFocus();
    expect(screen.getByLabelText('Search queue')).toHaveValue('');
    screen.getByLabelText('Search queue').blur();
    await userEvent.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByRole('table', { name: 'Queue' })).toHaveTextContent('Open the card: the cursor goes to Start call');
    expect(within(help).getByRole('table', { name: 'In a call' })).toHaveTextContent('Dial the customer');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('after Complete call, shows the next customer to call on the card with the list focused, never the one just won back', async () => {
    const api = floor();
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
    await userEvent.keyboard('{Alt>}5{/Alt}');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    const list = await listbox();
    await waitFor(() => expect(list).toHaveFocus(), { timeout: 4000 });
    expect(api.completed).toHaveLength(1);
    expect(await within(card_()).findByRole('heading', { name: 'Bruno Sample' })).toBeInTheDocument();
    expect(within(list).queryByRole('option', { name: /Ada Example/ })).toBeNull();
    // Two keys to the next call.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(card_()).getByRole('button', { name: 'Start call' })).toHaveFocus(), { timeout: 4000 });
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Call with Bruno Sample', level: 1 })).toBeInTheDocument();
  });

  it('shows the completed call without a start button when nobody else can be called now', async () => {
    const items = [row(1, 'Ada Example'), row(2, 'Bruno Sample', { callableNow: false, localTime: '07:00' })];
    floor({
      items,
      status: (id) =>
        id === 1
          ? CALLABLE
          : { ...CALLABLE, callableNow: false, why: { key: 'why.hours.outside', params: { time: '07:00', zone: 'America/Los_Angeles', start: '09:00', end: '20:00' } } },
    });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
    await userEvent.keyboard('{Alt>}5{/Alt}{Control>}{Enter}{/Control}');
    await waitFor(() => expect(within(card_()).getByText('Call saved: No answer.')).toBeInTheDocument());
    expect(within(card_()).getByRole('heading', { name: 'Ada Example' })).toBeInTheDocument();
    expect(within(card_()).queryByRole('button', { name: 'Start call' })).toBeNull();
  });
});

describe('calling hours on the card', () => {
  const outside: CallingStatus = {
    ...CALLABLE,
    callableNow: false,
    localTime: '07:15',
    timeZone: 'Europe/Berlin',
    why: { key: 'why.hours.outside', params: { time: '07:15', zone: 'Europe/Berlin', start: '09:00', end: '20:00' } },
  };

  it('offers no Start call outside calling hours, and says why', async () => {
    floor({ status: () => outside });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    expect(await within(card_()).findByText(/Not callable now\. Outside calling hours: it is 07:15/)).toBeInTheDocument();
    expect(within(card_()).queryByRole('button', { name: 'Start call' })).toBeNull();
    expect(within(card_()).queryByRole('button', { name: 'Call outside hours…' })).toBeNull();
  });

  it("where the manager's policy allows it, asks why before calling outside hours, and sends the reason", async () => {
    const api = floor({ status: () => ({ ...outside, overrideAllowed: true }) });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Call outside hours…' }));
    await userEvent.click(within(card_()).getByRole('button', { name: 'Start call outside hours' }));
    expect(within(card_()).getByText('Say why this customer is called outside their calling hours.')).toBeInTheDocument();
    expect(api.started).toEqual([]);
    await userEvent.type(within(card_()).getByLabelText('Why call outside their calling hours?'), 'Asked to be called before work');
    await userEvent.click(within(card_()).getByRole('button', { name: 'Start call outside hours' }));
    await screen.findByRole('heading', { name: /^Call with/, level: 1 });
    expect(api.started).toEqual([{ outside: { customerId: 1, reason: 'Asked to be called before work' } }]);
  });
});

describe('calls in progress', () => {
  it('asks before parking an open call, marks it on Call and on the card, and confirms leaving it for later', async () => {
    let drafts: UnfinishedCall[] = [];
    floor({ unfinished: () => drafts });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('button', { name: 'Call' })).toHaveAccessibleDescription('1 call in progress');

    // Another customer while the call is open: nothing is parked without asking.
    await userEvent.click(within(nav).getByRole('button', { name: 'Queue' }));
    await userEvent.click(within(await listbox()).getByRole('option', { name: /Bruno Sample/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    const ask = screen.getByRole('alertdialog', { name: 'A call is in progress' });
    expect(ask).toHaveTextContent('Your call with Ada Example is not completed.');
    await userEvent.click(within(ask).getByRole('button', { name: 'Back to the call with Ada Example' }));
    expect(await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 })).toBeInTheDocument();

    drafts = [{ customerId: 1, callId: 'k1', customer: 'Ada Example', stage: 'listen', savedAt: '2026-11-16T15:02:00.000Z' }];
    await userEvent.click(screen.getByRole('button', { name: 'Leave for later' }));
    expect(await screen.findByText('Your call with Ada Example is left for later: it is under Unfinished calls in Call.')).toBeInTheDocument();
    expect(await within(card_()).findByText(/Call in progress, left for later · at Listen/)).toBeInTheDocument();
    expect(within(card_()).queryByText('No calls yet.')).toBeNull();
    expect(within(card_()).getByRole('button', { name: 'Continue the call' })).toBeInTheDocument();
    await userEvent.click(within(nav).getByRole('button', { name: 'Call' }));
    expect(await screen.findByRole('list', { name: 'Unfinished calls' })).toHaveTextContent('Continue the call with Ada Example');
  });

  it('after a restart, reopens the call that was on screen, not the one left for later', async () => {
    window.localStorage.setItem('winback.callOnScreen', '2');
    const api = floor();
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Call with Bruno Sample', level: 1 })).toBeInTheDocument();
    expect(api.calls.map(([c]) => c)).not.toContain('call.resume');
  });

  it('reopens nothing when the last call was left for later', async () => {
    window.localStorage.setItem('winback.callOnScreen', 'none');
    const api = floor();
    render(<App />);
    await listbox();
    expect(screen.queryByRole('heading', { name: /^Call with/ })).toBeNull();
    expect(api.started).toEqual([]);
  });
});

describe('Do not contact', () => {
  it('is not saved by Alt+7 and Ctrl+Enter alone: it waits for an explicit confirmation', async () => {
    const api = floor();
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
    await userEvent.keyboard('{Alt>}7{/Alt}{Control>}{Enter}{/Control}');
    const confirm = screen.getByRole('alertdialog', { name: 'Mark Ada Example do not contact?' });
    expect(api.completed).toEqual([]);
    // Ctrl+Enter again, by habit, cancels rather than confirms.
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.completed).toEqual([]);
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await userEvent.click(within(screen.getByRole('alertdialog', { name: 'Mark Ada Example do not contact?' })).getByRole('button', { name: 'Yes, never call Ada Example again' }));
    await waitFor(() => expect(api.completed).toHaveLength(1));
    expect(api.completed[0]?.outcome).toBe('do_not_contact');
    expect(confirm).not.toBeInTheDocument();
  });
});

describe('notices', () => {
  it('describe the present: one per topic, an outdated error cleared, confirmations fading', async () => {
    floor({ items: [] });
    render(<App />);
    await screen.findByRole('heading', { name: 'Nobody to call right now' });
    const { notify, reportError, loadQueue } = useAppStore.getState();
    act(() => reportError(new Error('Nobody is left to call in your queue.'), 'call.start'));
    act(() => reportError(new Error('Nobody is left to call in your queue.'), 'call.start'));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    // Customers arrive (the demo, an import): the error no longer holds and goes.
    floor();
    await act(() => loadQueue());
    expect(screen.queryByRole('alert')).toBeNull();

    vi.useFakeTimers({ shouldAdvanceTime: true });
    act(() => notify('info', 'Contact rules saved.'));
    expect(screen.getByText('Contact rules saved.')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(INFO_NOTICE_MS + 10);
    });
    expect(screen.queryByText('Contact rules saved.')).toBeNull();
  });

  it('sit in a strip of their own, not over the view', async () => {
    floor();
    render(<App />);
    await listbox();
    act(() => useAppStore.getState().notify('info', 'Call with Ada Example saved: Recovered.'));
    const strip = screen.getByRole('region', { name: 'Notices' });
    // Between the header and the view in the page's order, not floating over it.
    expect(strip.compareDocumentPosition(screen.getByRole('main'))).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(strip.compareDocumentPosition(screen.getByRole('banner'))).toBe(Node.DOCUMENT_POSITION_PRECEDING);
  });
});

describe('empty queues', () => {
  it("tell an agent to ask their manager, never to run a terminal command", async () => {
    floor({ items: [] });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Nobody to call right now' })).toBeInTheDocument();
    expect(screen.getByText(/Ask your manager for the next customers to call/)).toBeInTheDocument();
    expect(screen.queryByText(/npx|winback import/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Load the demo' })).toBeNull();
  });
});

describe('click to dial where agents look', () => {
  it('makes the phone a dial link on the card and in the call header, where Alt+D dials it', async () => {
    floor();
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    expect(await within(card_()).findByRole('link', { name: 'Call +1 555-0107' })).toHaveAttribute('href', 'tel:+15550107');
    await userEvent.click(within(card_()).getByRole('button', { name: 'Start call' }));
    const head = (await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 })).closest('header');
    if (!head) throw new Error('the call has no header');
    const dial = within(head).getByRole('link', { name: 'Call +1 555-0107' });
    expect(dial).toHaveAttribute('aria-keyshortcuts', 'Alt+D');
    const clicked = vi.fn((e: Event) => e.preventDefault());
    dial.addEventListener('click', clicked);
    await userEvent.keyboard('{Alt>}d{/Alt}');
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it("makes the phone a dial link in an executive's briefing", async () => {
    installFakeApi({
      'session.get': () => appSession('executive'),
      'sync.status': () => SYNC_OK,
      'queue.list': () => ({ items: [row(7, 'Ada Example')], total: 1 }),
      'customers.get': () => card(),
      'call.resume': () => ({ customerId: null }),
      'call.start': () => callSession('executive'),
    });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    const briefing = await screen.findByRole('region', { name: 'Briefing' });
    expect(within(briefing).getByRole('link', { name: 'Call +1 555-0107' })).toBeInTheDocument();
  });
});

describe('calling hours on the call screen', () => {
  it('says the call was started outside calling hours, with the reason recorded', async () => {
    floor({
      status: () => ({ ...CALLABLE, callableNow: false, localTime: '07:15', why: { key: 'why.hours.outside', params: { time: '07:15', zone: 'Europe/Berlin', start: '09:00', end: '20:00' } }, openedOutsideHoursBecause: 'Asked to be called before work' }),
    });
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await act(() => useAppStore.getState().startCall(1, 'Asked to be called before work'));
    expect(await screen.findByText('Outside calling hours (07:15 their time): started with the reason “Asked to be called before work”.')).toBeInTheDocument();
  });
});

describe('a refusal that names a field', () => {
  it('brings the end of the reactivation period into view with the cursor in it', async () => {
    floor();
    render(<App />);
    await userEvent.click(await within(await listbox()).findByRole('option', { name: /Ada Example/ }));
    await userEvent.click(await within(card_()).findByRole('button', { name: 'Start call' }));
    await screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
    // Considering needs the Offer stage: open it by a skip reason, then choose it and complete without the date.
    await userEvent.type(screen.getByLabelText('Reason for skipping to the offer'), 'Asked what we offer');
    await userEvent.click(screen.getByRole('button', { name: 'Offer' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Outcome' })).getByRole('radio', { name: 'Considering' }));
    await userEvent.click(screen.getByRole('textbox', { name: 'Feedback for the frontline' }));
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('alert')).toHaveTextContent('Considering needs the end of the reactivation period.');
    await waitFor(() => expect(screen.getByLabelText('End of reactivation period')).toHaveFocus());
  });
});
