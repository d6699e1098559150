import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { CallSession, CompletedCall } from '../../shared/api/call';
import type { CallState } from '../../shared/domain/callMachine';
import type { QueueItem } from '../../shared/api/queue';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';
import { appSession, CALL_ID, callSession, card, SYNC_OK } from './callSession';

const item: QueueItem = {
  id: 7, externalId: 'C-7', name: 'Ada Example', company: null, phone: '+1 555-0107', segment: 'Month-to-month', product: 'DSL',
  monthlyRevenue: 99.5, statedReason: 'Price too high', reasonCategory: 'Price / value for money', cycle: 'November 2026',
  attempts: 1, callbackAt: null, priority: 99.5, why: { key: 'why.queued.lost', params: { lost: { amount: 99.5, currency: 'USD' } } }, assignedTo: null,
  assignedToId: null, valueBand: null, timezone: 'America/Los_Angeles', localTime: '10:00', callableNow: true, notCallableBecause: null, callbackWith: null,
};

beforeEach(() => window.localStorage.clear());

interface Options {
  role?: Role;
  session?: CallSession;
  resume?: number | null;
  saveFails?: boolean;
}

function fake(o: Options = {}) {
  const saved: CallState[] = [];
  const completed: CallState[] = [];
  const api = installFakeApi({
    'session.get': () => appSession(o.role ?? 'agent'),
    'sync.status': () => SYNC_OK,
    'queue.list': () => ({ items: [item], total: 1 }),
    'customers.get': () => card(),
    'call.resume': () => ({ customerId: o.resume ?? null }),
    'call.start': () => o.session ?? callSession(o.role ?? 'agent'),
    'call.saveDraft': (i) => {
      if (o.saveFails) return { code: 'network', message: 'The console backend is not answering.' };
      saved.push(i.state);
      return { savedAt: '2026-11-16T15:02:00.000Z' };
    },
    'call.complete': (i): CompletedCall => {
      completed.push(i.state);
      return { callId: i.state.callId, customerId: 7, outcome: i.state.outcome ?? 'no_answer', callbackAt: null, codes: i.state.outcome === 'recovered' ? [{ offerId: 'offer.loyalty-discount', offerName: '15% off for 3 months', code: 'WB-TEST-CODE' }] : [] };
    },
  });
  return { ...api, saved, completed };
}

const stageHeadings = () =>
  screen
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent)
    .filter((t) => ['Apologize', 'Listen', 'Diagnose', 'Assist', 'Offer'].includes(t ?? ''));

async function openCallFromCard() {
  render(<App />);
  await userEvent.click(await screen.findByRole('option', { name: /Ada Example/ }));
  await userEvent.click(await screen.findByRole('button', { name: 'Start call' }));
  return screen.findByRole('heading', { name: 'Call with Ada Example', level: 1 });
}

describe('the call view, by mouse', () => {
  it('starts from the customer card, walks the five stages and completes, back to the queue', async () => {
    const api = fake();
    await openCallFromCard();
    expect(stageHeadings()).toEqual(['Apologize', 'Listen', 'Diagnose', 'Assist', 'Offer']);

    await userEvent.type(screen.getByLabelText('Apology note'), 'Said sorry');
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    await userEvent.type(screen.getByRole('textbox', { name: "Customer's words" }), 'Too dear since the price rise');
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Reason category' }), 'Price / value for money');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Specific reason' }), 'Too expensive');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Customer confirmed the reason' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Fixed billing' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Answer to 15% off for 3 months' })).getByRole('radio', { name: 'Accepted' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Recovered' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Feedback for the frontline' }), 'Warn before price rises');
    await userEvent.click(screen.getByRole('button', { name: 'Complete call' }));

    await screen.findByRole('heading', { name: 'Queue' });
    expect(api.completed).toHaveLength(1);
    expect(api.completed[0]).toMatchObject({
      callId: CALL_ID,
      apologize: { note: 'Said sorry' },
      listen: { words: 'Too dear since the price rise' },
      diagnose: { categoryId: 'price', primaryReasonId: 'price.too-expensive', confirmed: true },
      assist: { actions: ['fixed_billing'] },
      offer: { answers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }] },
      outcome: 'recovered',
      feedback: { text: 'Warn before price rises', rep: 'Rep Avery', team: 'Billing desk' },
      visited: ['apologize', 'listen', 'diagnose', 'assist', 'offer'],
    });
    expect(screen.getByText('Call with Ada Example saved: Recovered. 15% off for 3 months: code WB-TEST-CODE.')).toBeInTheDocument();
  });

  it('revisits an earlier stage by its heading and comes back', async () => {
    fake();
    await openCallFromCard();
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next stage' }));
    expect(screen.getByRole('combobox', { name: 'Reason category' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Apologize' }));
    expect(screen.getByLabelText('Apology note')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Reason category' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Diagnose' }));
    expect(screen.getByRole('combobox', { name: 'Reason category' })).toBeInTheDocument();
  });

  it('keeps Offer closed with the reason why, until a skip reason is recorded', async () => {
    fake();
    await openCallFromCard();
    await userEvent.click(screen.getByRole('button', { name: 'Offer' }));
    expect(screen.getByText('Go through Listen first.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Reason for skipping to the offer'), 'They asked what we offer');
    await userEvent.click(screen.getByRole('button', { name: 'Offer' }));
    expect(await screen.findByRole('list', { name: 'Proposed offers, best first' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Offer' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('says what stops completion and sends nothing', async () => {
    const api = fake();
    await openCallFromCard();
    await userEvent.click(screen.getByRole('button', { name: 'Complete call' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose an outcome.');
    await userEvent.click(screen.getByRole('radio', { name: 'Callback' }));
    await userEvent.click(screen.getByRole('button', { name: 'Complete call' }));
    expect(screen.getByRole('alert')).toHaveTextContent("Callback needs a date and time in the customer's local time.");
    expect(api.completed).toHaveLength(0);
  });

  it('offers no Start call for a customer who must not be called', async () => {
    installFakeApi({
      'session.get': () => appSession(),
      'sync.status': () => SYNC_OK,
      'queue.list': () => ({ items: [item], total: 1 }),
      'customers.get': () => card({ doNotContact: true }),
      'call.resume': () => ({ customerId: null }),
    });
    render(<App />);
    await userEvent.click(await screen.findByRole('option', { name: /Ada Example/ }));
    expect(await screen.findByText('Do not contact: this customer must not be called.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start call' })).toBeNull();
  });
});

describe('the call view, by keyboard', () => {
  it('takes the next customer, moves with Alt+N and Alt+P, and completes No answer with Alt+5 and Ctrl+Enter', async () => {
    const api = fake();
    render(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Call' }));
    screen.getByRole('button', { name: 'Next customer' }).focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Call with Ada Example' });
    expect(api.calls).toContainEqual(['call.start', { next: true }]);

    // The cursor is in the first field of the stage; typing goes straight in.
    expect(screen.getByLabelText('Apology note')).toHaveFocus();
    await userEvent.keyboard('Sorry to lose you');
    await userEvent.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByRole('textbox', { name: "Customer's words" })).toHaveFocus();
    await userEvent.keyboard('Nobody answered my emails');
    await userEvent.keyboard('{Alt>}p{/Alt}');
    expect(screen.getByLabelText('Apology note')).toHaveValue('Sorry to lose you');
    await userEvent.keyboard('{Alt>}n{/Alt}{Alt>}n{/Alt}{Alt>}n{/Alt}');
    expect(screen.getByRole('group', { name: 'What was done' })).toBeInTheDocument();
    await userEvent.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByText(/^The Offer stage opens once the customer has confirmed the reason and Assist is recorded/, { selector: '.call-message' })).toBeInTheDocument();
    await userEvent.keyboard('{Alt>}1{/Alt}');
    expect(screen.getByRole('radio', { name: 'Recovered' })).not.toBeChecked();
    await userEvent.keyboard('{Alt>}5{/Alt}');
    expect(screen.getByRole('radio', { name: 'No answer' })).toBeChecked();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('heading', { name: 'Queue' });
    expect(api.completed[0]).toMatchObject({ outcome: 'no_answer', listen: { words: 'Nobody answered my emails' } });
  });

  it('lists the shortcuts in a help overlay opened with ? and closed with Escape', async () => {
    fake();
    await openCallFromCard();
    screen.getByRole('button', { name: 'Complete call' }).focus();
    await userEvent.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const text of ['Alt+N', 'Alt+P', 'Alt+1', 'Alt+7', 'Ctrl+Enter']) expect(within(dialog).getByText(text)).toBeInTheDocument();
    expect(within(dialog).getByText('Outcome: Do not contact')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Complete call' })).toHaveFocus();
    // Typing a question mark in the customer's words is just a question mark.
    await userEvent.click(screen.getByLabelText('Apology note'));
    await userEvent.keyboard('Why?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByLabelText('Apology note')).toHaveValue('Why?');
  });
});

describe('nothing lost', () => {
  it('saves a draft within a second of typing, with the words typed', async () => {
    const api = fake();
    await openCallFromCard();
    await userEvent.type(screen.getByLabelText('Apology note'), 'Every word counts');
    await waitFor(() => expect(api.saved.at(-1)?.apologize.note).toBe('Every word counts'), { timeout: 1000 });
    expect(await screen.findByRole('status', { name: 'Draft' })).toHaveTextContent(/^Draft saved at /);
  });

  it('keeps typing when the backend is gone, says so, and keeps the words in this window', async () => {
    fake({ saveFails: true });
    await openCallFromCard();
    await userEvent.type(screen.getByLabelText('Apology note'), 'Typed while offline');
    await waitFor(() => expect(screen.getByRole('status', { name: 'Draft' })).toHaveTextContent(/^Not saved yet: the console backend is not answering\./), { timeout: 1500 });
    expect(window.localStorage.getItem('winback.unsavedCall.7')).toContain('Typed while offline');
  });

  it('prefers the unconfirmed copy in this window over an older backend draft', async () => {
    const local: CallState = { ...callSession().state, listen: { words: 'Only in this window' }, stage: 'listen', reached: 'listen', visited: ['apologize', 'listen'] };
    window.localStorage.setItem('winback.unsavedCall.7', JSON.stringify(local));
    const api = fake({ session: callSession('agent', { restoredFrom: '2026-11-16T15:01:00.000Z' }) });
    await openCallFromCard();
    expect(screen.getByRole('textbox', { name: "Customer's words" })).toHaveValue('Only in this window');
    expect(screen.getByText(/Restored from this window's copy/)).toBeInTheDocument();
    await waitFor(() => expect(api.saved.at(-1)?.listen.words).toBe('Only in this window'), { timeout: 1000 });
    await waitFor(() => expect(window.localStorage.getItem('winback.unsavedCall.7')).toBeNull());
  });

  it('reopens an unfinished call at start-up, exactly where it was, with a notice', async () => {
    const restored = { ...callSession().state, stage: 'listen' as const, reached: 'listen' as const, visited: ['apologize' as const, 'listen' as const], listen: { words: 'I was mid-sentence when' } };
    fake({ resume: 7, session: callSession('agent', { state: restored, restoredFrom: '2026-11-16T15:01:00.000Z' }) });
    render(<App />);
    await screen.findByRole('heading', { name: 'Call with Ada Example' });
    expect(screen.getByRole('textbox', { name: "Customer's words" })).toHaveValue('I was mid-sentence when');
    expect(screen.getByText(/^Restored from the draft saved at .*: the call is exactly where it was\.$/)).toBeInTheDocument();
    expect(screen.getByText('Restored your unfinished call with Ada Example, exactly where it was.')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Call' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('the executive variant', () => {
  it('shows one card with the briefing, every stage at once and a one-line summary', async () => {
    const api = fake({ role: 'executive' });
    await openCallFromCard();
    const briefing = screen.getByRole('region', { name: 'Briefing' });
    expect(briefing).toHaveTextContent('$99.50 a month, 3 years a customer');
    expect(briefing).toHaveTextContent('“Price too high” (Too expensive)');
    expect(within(briefing).getByRole('list', { name: 'What the team already tried' })).toHaveTextContent(
      'Sam Agent (Recovery agent): No answer; did: Opened a ticket (Ticket 4411 for the bill); offered: Reactivation period (declined)',
    );
    expect(stageHeadings()).toEqual(['Apologize', 'Listen', 'Diagnose', 'Assist', 'Offer']);
    // All at once: no stepping, every field on the one screen.
    expect(screen.queryByRole('button', { name: 'Next stage' })).toBeNull();
    for (const label of ['Apology note', "Customer's words", 'Reason category', 'Assist note', 'Reason for skipping to the offer']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.getByText(/I lead part of the company/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: "Customer's words" }), 'Felt ignored');
    await userEvent.type(screen.getByLabelText('One-line summary'), 'Ignored after a billing error; will think about it');
    await userEvent.click(screen.getByRole('radio', { name: 'Callback' }));
    await userEvent.type(screen.getByLabelText("Callback date and time (customer's local time)"), '2099-01-05T09:00');
    await userEvent.click(screen.getByRole('button', { name: 'Complete call' }));
    await screen.findByRole('heading', { name: 'Queue' });
    expect(api.completed[0]).toMatchObject({ outcome: 'callback', callbackLocal: '2099-01-05T09:00', summary: 'Ignored after a billing error; will think about it' });
  });
});
