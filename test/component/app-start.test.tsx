import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { QueueItem } from '../../shared/api/queue';
import { installFakeApi } from './fakeApi';

const item = (id: number, name: string): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: '+1 555-0100', segment: 'Month-to-month', product: 'DSL',
  monthlyRevenue: 90, statedReason: 'Price too high', reasonCategory: 'Price / value for money', cycle: 'November 2026',
  attempts: 0, callbackAt: null, priority: 90, why: { key: 'why.queued.lost', params: { lost: { amount: 90, currency: 'USD' } } }, assignedTo: null,
  assignedToId: null, valueBand: null, timezone: 'America/New_York', localTime: '10:00', callableNow: true,
  notCallableBecause: null, callbackWith: null,
});

/**
 * How the console opens on the Queue (the first-paint benchmark measures how fast): the queue is
 * asked for beside the person's language, not after it, and once; what the person does not see
 * first (presence, sync status, unfinished calls, filter choices) is asked for once the rows are there.
 */
describe('opening the console on the Queue', () => {
  it('asks for the queue while the language is still on its way, once, and the rest after the rows', async () => {
    let answerLocale: (value: { language: 'en'; currency: string; currencySource: 'setting' }) => void = () => {};
    const locale = new Promise<{ language: 'en'; currency: string; currencySource: 'setting' }>((resolve) => {
      answerLocale = resolve;
    });
    const { calls } = installFakeApi({
      'session.get': () => ({ user: { id: 'p1', name: 'Ann', role: 'agent' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
      'locale.get': () => locale as never,
      'queue.list': () => ({ items: [item(1, 'Ada Example'), item(2, 'Bruno Sample')], total: 2 }),
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
      'call.resume': () => ({ customerId: null }),
    });
    render(<App />);
    // The queue is asked for before the language has answered.
    await expect.poll(() => calls.map(([channel]) => channel as string)).toContain('queue.list');
    expect(screen.queryByRole('listbox', { name: 'Customers to call' })).toBeNull();
    answerLocale({ language: 'en', currency: 'USD', currencySource: 'setting' });

    const list = await screen.findByRole('listbox', { name: 'Customers to call' });
    expect(await within(list).findAllByRole('option')).toHaveLength(2);
    const later = ['presence.get', 'sync.status', 'call.unfinished', 'queue.filters', 'care.dueReviews', 'taxonomy.names'];
    await expect.poll(() => later.filter((c) => !calls.some(([channel]) => (channel as string) === c))).toEqual([]);
    const order: string[] = calls.map(([channel]) => channel);
    // Asked once: the Queue took the answer asked for at the start rather than asking again.
    expect(order.filter((c) => c === 'queue.list')).toHaveLength(1);
    for (const channel of later) expect(order.indexOf(channel), channel).toBeGreaterThan(order.indexOf('queue.list'));
  });

  /** The number of rows the Queue's list held when it first appeared, watched from before the App renders. */
  function rowsWhenListFirstAppears(): { first: () => number | null; stop: () => void } {
    let first: number | null = null;
    const observer = new MutationObserver(() => {
      const list = document.querySelector('[role="listbox"][aria-label="Customers to call"]');
      if (list && first === null) first = list.querySelectorAll('[role="option"]').length;
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return { first: () => first, stop: () => observer.disconnect() };
  }

  const signedIn = (queueAfterMs: number) =>
    installFakeApi({
      'session.get': () => ({ user: { id: 'p1', name: 'Ann', role: 'agent' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' }),
      'queue.list': () =>
        new Promise((resolve) => setTimeout(() => resolve({ items: [item(1, 'Ada Example'), item(2, 'Bruno Sample')], total: 2 }), queueAfterMs)) as never,
      'sync.status': () => ({ hubConfigured: false, online: null, pending: 0, lastSyncAt: null, lastError: null }),
      'call.resume': () => ({ customerId: null }),
    });

  it('draws the Queue with its rows the first time when they come soon after the language', async () => {
    signedIn(20);
    const watch = rowsWhenListFirstAppears();
    render(<App />);
    expect(await within(await screen.findByRole('listbox', { name: 'Customers to call' })).findAllByRole('option')).toHaveLength(2);
    watch.stop();
    expect(watch.first()).toBe(2);
  });

  it('does not wait long for slow rows: the Queue is drawn first and its rows follow', async () => {
    signedIn(1_000);
    const watch = rowsWhenListFirstAppears();
    render(<App />);
    await screen.findByRole('listbox', { name: 'Customers to call' });
    expect(watch.first()).toBe(0);
    expect(await within(screen.getByRole('listbox', { name: 'Customers to call' })).findAllByRole('option')).toHaveLength(2);
    watch.stop();
  });
});
