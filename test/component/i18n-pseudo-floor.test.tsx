import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import { QueueContainer } from '../../renderer/src/views/Queue';
import { CustomerCardView } from '../../renderer/src/views/CustomerCard';
import { OutsideHoursStart } from '../../renderer/src/views/queue/OutsideHoursStart';
import { RecoveryScreen } from '../../renderer/src/views/Recovery';
import { ParkCallDialog } from '../../renderer/src/shell/ParkCallDialog';
import { ShortcutsDialog } from '../../renderer/src/shell/FloorKeys';
import { PresenceControl } from '../../renderer/src/components/PresenceControl';
import { PhoneLink } from '../../renderer/src/components/PhoneLink';
import { ViewBoundary } from '../../renderer/src/components/ViewBoundary';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../shared/i18n/pseudo';
import type { CustomerCard } from '../../shared/api/customers';
import type { QueueItem } from '../../shared/api/queue';
import type { MaintenanceStatus } from '../../shared/api/maintenance';
import { installFakeApi } from './fakeApi';

/**
 * The floor an agent works on (the queue, the customer card, erasing a customer, the recovery
 * screen, the park-a-call question, the shortcuts, the presence control) takes every word from the
 * catalogue: in the pseudo-language each catalogue string is bracketed ⟦…⟧, so a word left outside
 * the brackets, once the data on screen is taken away, bypassed the catalogue.
 */
const MONTHS = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 15))));
/** Long dates (the recovery screen's) spell out the weekday and month: Intl's words, English in the pseudo-languages. */
const LONG_DATE_WORDS = [
  ...Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 15)))),
  ...Array.from({ length: 7 }, (_, d) => new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 16 + d)))),
  'at', 'AM', 'PM',
];

function untranslated(container: Element, data: readonly string[]): string[] {
  const attributes = [...container.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
    ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
  );
  const captions = [...container.querySelectorAll('caption, option, legend, label, th, button, summary, h1, h2, h3, p, li, td, dt, dd, span, strong')].map((el) => el.textContent ?? '');
  const outside = [container.textContent ?? '', ...attributes, ...captions].map((text) => {
    let rest = text.replace(new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g'), ' ');
    for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
    return rest;
  });
  return [...new Set(outside.flatMap((rest) => rest.match(/[A-Za-z]{2,}/g) ?? []))].filter((w) => !MONTHS.includes(w) && !LONG_DATE_WORDS.includes(w));
}

const item = (id: number, name: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: '+1 555-0100', segment: 'Two year', product: 'DSL', monthlyRevenue: 90,
  statedReason: 'Price too high', reasonCategory: 'Price / value for money', cycle: 'November 2026', attempts: 0, callbackAt: null,
  priority: 71.4, why: { key: 'why.queued.byRule', params: { rule: 'Worth a call' } }, assignedTo: null, assignedToId: null, valueBand: 'High',
  timezone: 'America/New_York', localTime: '10:00', callableNow: true, notCallableBecause: null, callbackWith: null, ...over,
});

const card = (over: Partial<CustomerCard> = {}): CustomerCard => ({
  id: 7, externalId: '7590-VHVEG', name: 'Ada Example', company: null, phone: '+1 555-0100', email: null, timezone: 'Europe/Berlin',
  segment: 'Two year', product: 'DSL', monthlyRevenue: 90, tenureMonths: 14, departedAt: '2026-10-01', statedReason: 'Price too high',
  statedReasonMapped: null, reasonCategory: null, frontlineRep: 'Sam Rep', frontlineTeam: 'Support North', notes: null, cycle: 'November 2026',
  doNotContact: false, controlGroup: false, callBlock: null,
  consent: { phone: { channel: 'phone', answer: 'yes', wording: 'May we call?', at: '2026-11-12T10:00:00.000Z', by: 'Ann Agent', callId: 'K-1' }, email: null, post: null },
  calls: [{ id: 'K-1', at: '2026-11-12T10:00:00.000Z', caller: 'Ann Agent', outcome: 'callback', diagnosedReason: 'Too expensive' }],
  ...over,
});

beforeAll(() => applyLanguage('en-XA', 'EUR'));
afterAll(() => applyLanguage('en', 'USD'));

describe('in the pseudo-language, no text of the floor bypasses the catalogue', () => {
  it('the queue: count, filters, rows (callable, callback, not now, attempts) and the empty card pane', async () => {
    installFakeApi({
      'queue.list': () => ({
        items: [
          item(1, 'Ada Example', { attempts: 2 }),
          item(2, 'Bruno Sample', { callableNow: false, localTime: '07:00', statedReason: null, assignedTo: 'Ann Agent' }),
          item(3, 'Cleo Case', { callableNow: false, callbackAt: '2099-11-17T15:00:00.000Z', attempts: 1 }),
        ],
        total: 3,
      }),
      'queue.filters': () => ({ segments: ['Two year'], categories: [{ id: 'price', name: 'Price / value for money' }], cycles: [{ id: '2026-11', name: 'November 2026' }] }),
    });
    const { container } = render(<QueueContainer />);
    await screen.findByText('Bruno Sample');
    const data = ['Ada Example', 'Bruno Sample', 'Cleo Case', 'Ann Agent', 'C-1', 'C-2', 'C-3', 'Price too high', 'Two year', 'Price / value for money', 'November 2026'];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('the customer card: facts, consent, callable or not, calls, the call in progress and erasing', async () => {
    const { container } = render(
      <>
        <CustomerCardView
          card={card()}
          status={{ callableNow: false, why: null, localTime: '07:15', timeZone: 'Europe/Berlin', zoneNote: null, nextTryAt: null, overrideAllowed: true, openedOutsideHoursBecause: null }}
          why={{ key: 'why.queued.byRule', params: { rule: 'Worth a call' } }}
          unfinished={{ customerId: 7, callId: 'K-2', customer: 'Ada Example', stage: 'listen', savedAt: '2026-11-16T10:00:00.000Z' }}
          justCompleted="⟦x⟧"
          onStartCall={() => undefined}
          openCallId={null}
          onToggleCall={() => undefined}
          onErase={() => undefined}
        />
        <CustomerCardView
          card={card({ id: 8, externalId: 'C-8', name: 'Bruno Sample', phone: null, email: null, tenureMonths: 1, calls: [], callBlock: { scope: 'call', source: 'manager', since: '2026-11-01T00:00:00.000Z', by: 'Mia Manager', expiresAt: null } })}
          status={{ callableNow: true, why: null, localTime: '10:00', timeZone: 'America/New_York', zoneNote: null, nextTryAt: null, overrideAllowed: false, openedOutsideHoursBecause: null }}
          cannotCallBecause={null}
        />
        <PhoneLink number="555 0100 ext. 12" />
        <PhoneLink number="+1 555-0100" block={{ scope: 'all', source: 'list', since: '2026-11-01T00:00:00.000Z', by: 'Mia Manager', expiresAt: null }} />
        <OutsideHoursStart onStart={() => undefined} />
      </>,
    );
    await userEvent.click(screen.getByText(/Çáĺĺ óúţšíðé/));
    await userEvent.click(screen.getByRole('button', { name: /Šţáŕţ çáĺĺ óúţšíðé/ }));
    await userEvent.click(container.querySelector('summary') as HTMLElement);
    const data = ['Ada Example', 'Bruno Sample', '7590-VHVEG', 'C-8', 'Ann Agent', 'Mia Manager', 'Sam Rep', 'Support North', 'Two year', 'DSL', 'Price too high', 'Too expensive', 'November 2026', 'Europe/Berlin', 'America/New_York', 'Selected by rule Worth a call.', 'ext'];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('the recovery screen, with and without a good backup', () => {
    const status: MaintenanceStatus = {
      state: 'damaged', problem: 'database disk image is malformed', databasePath: '/data/winback.db', backupsFolder: '/data/backups', lastBackupAt: null,
      backups: [{ file: 'a.db', takenAt: '2026-11-15T02:00:00.000Z', reason: 'daily', sizeBytes: 10 }],
      newestGoodBackup: { file: 'a.db', takenAt: '2026-11-15T02:00:00.000Z', reason: 'daily', sizeBytes: 10, schemaVersion: 40, customers: 1200, calls: 1 },
    };
    const data = ['database disk image is malformed', '/data/winback.db', '/data/backups', 'npx winback restore FILE'];
    const { container } = render(
      <>
        <RecoveryScreen status={status} restoring={false} onRestore={() => undefined} />
        <RecoveryScreen status={{ ...status, newestGoodBackup: null }} restoring={false} onRestore={() => undefined} />
        <RecoveryScreen status={{ ...status, backups: [], newestGoodBackup: null }} restoring={false} onRestore={() => undefined} />
      </>,
    );
    expect(untranslated(container, data)).toEqual([]);
  });

  it('parking a call, the shortcuts, the presence control and a view that failed', async () => {
    installFakeApi({
      'presence.get': () => ({ state: 'in_call', stage: 'offer', customerId: 7, pauseReasonId: null, pauseReason: null, since: '2026-11-16T10:00:00.000Z', today: { calls: 0, recovered: 0, revenueBack: 0 }, pauseReasons: [{ id: 'coaching', label: 'Coaching' }] }),
    });
    useAppStore.setState({ parkRequest: { from: 'Ada Example', to: 'Bruno Sample' } });
    const Broken = () => {
      throw new Error('Chunk failed');
    };
    const { container } = render(
      <>
        <ParkCallDialog />
        <ShortcutsDialog onClose={() => undefined} />
        <PresenceControl />
        <ViewBoundary view="queue">
          <Broken />
        </ViewBoundary>
      </>,
    );
    await screen.findByRole('group', { name: /⟦/ });
    const data = ['Ada Example', 'Bruno Sample', 'Coaching', 'Chunk failed', 'Ctrl', 'Tab', 'Alt', ' min', ' s'];
    expect(untranslated(container, data)).toEqual([]);
    useAppStore.setState({ parkRequest: null });
  });
});
