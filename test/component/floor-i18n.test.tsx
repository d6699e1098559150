import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { QueueList } from '../../renderer/src/views/queue/QueueList';
import { CustomerCardView } from '../../renderer/src/views/CustomerCard';
import { RecoveryScreen } from '../../renderer/src/views/Recovery';
import type { CustomerCard } from '../../shared/api/customers';
import type { QueueItem } from '../../shared/api/queue';

afterEach(() => applyLanguage('en', 'USD'));

/** Intl separates thousands and currency signs with (narrow) no-break spaces; a person reads spaces. */
const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const item = (id: number, name: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id, externalId: `C-${id}`, name, company: null, phone: '+1 555-0100', segment: null, product: null, monthlyRevenue: 1290,
  statedReason: null, reasonCategory: null, cycle: null, attempts: 0, callbackAt: null, priority: 71.4, why: { key: 'why.queued.noRule' }, assignedTo: null,
  assignedToId: null, valueBand: null, timezone: 'America/New_York', localTime: '10:00', callableNow: true, notCallableBecause: null, callbackWith: null, ...over,
});
const rows = [
  item(1, 'Ada Example', { attempts: 2 }),
  item(2, 'Bruno Sample', { callableNow: false, localTime: '07:00', attempts: 1 }),
  // 15:00 UTC is 10:00 in New York: the callback is on the customer's clock.
  item(3, 'Cleo Case', { callableNow: false, callbackAt: '2099-11-17T15:00:00.000Z' }),
];

const card: CustomerCard = {
  id: 7, externalId: 'C-7', name: 'Ada Example', company: null, phone: null, email: null, timezone: 'Europe/Berlin', segment: null, product: null,
  monthlyRevenue: 1290, tenureMonths: 14, departedAt: null, statedReason: null, statedReasonMapped: null, reasonCategory: null, frontlineRep: null,
  frontlineTeam: null, notes: null, cycle: null, doNotContact: false, controlGroup: false, callBlock: null,
  consent: { phone: null, email: null, post: null }, calls: [{ id: 'K-1', at: '2026-11-12T10:00:00.000Z', caller: 'Ann Agent', outcome: 'no_answer', diagnosedReason: null }],
};

function showQueue() {
  render(<QueueList items={rows} selectedId={null} onSelect={() => undefined} onOpen={() => undefined} />);
  const option = (name: RegExp) => within(screen.getByRole('listbox')).getByRole('option', { name });
  return { ada: plain(option(/Ada/)), bruno: plain(option(/Bruno/)), cleo: plain(option(/Cleo/)) };
}

describe('the floor in another language', () => {
  it('German with euros: the queue rows in the customer’s time, attempts in the plural, the card', async () => {
    await applyLanguage('de', 'EUR');
    const { ada, bruno, cleo } = showQueue();
    expect(screen.getByRole('listbox', { name: 'Anzurufende Kunden' })).toBeInTheDocument();
    expect(ada).toContain('1.290,00 €/Monat');
    expect(ada).toContain('Jetzt anrufbar · 10:00 Ortszeit');
    expect(ada).toContain('2 Versuche');
    expect(bruno).toContain('Nicht jetzt · 07:00 Ortszeit');
    expect(bruno).toContain('1 Versuch');
    expect(cleo).toContain('Rückruf 17.11.2099, 10:00 Ortszeit');
    render(<CustomerCardView card={card} onStartCall={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Anrufen' })).toBeInTheDocument();
    expect(screen.getByText('14 Monaten')).toBeInTheDocument();
    expect(screen.getByText('kein Telefon')).toBeInTheDocument();
    expect(plain(screen.getByRole('list', { name: 'Frühere Anrufe' }))).toContain('Ann Agent · Nicht erreicht');
  });

  it('Spanish and French: callbacks and amounts in their own words, a month in the singular', async () => {
    await applyLanguage('es', 'EUR');
    const es = showQueue();
    expect(es.cleo).toContain('Rellamada 17 nov 2099, 10:00 su hora');
    expect(es.ada).toContain('2 intentos');
    expect(screen.getByRole('listbox', { name: 'Clientes por llamar' })).toBeInTheDocument();
    await applyLanguage('fr', 'EUR');
    render(<CustomerCardView card={{ ...card, tenureMonths: 1 }} onStartCall={() => undefined} />);
    expect(screen.getByText('1 mois')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Appeler' })).toBeInTheDocument();
    expect(plain(screen.getByRole('article'))).toContain('1 290,00 €');
  });

  it('the recovery screen counts backups, customers and calls in each language, Spanish with its plural for a million', async () => {
    await applyLanguage('es', 'EUR');
    const status = {
      state: 'damaged' as const, problem: 'malformed', databasePath: '/d.db', backupsFolder: '/b', lastBackupAt: null,
      backups: [{ file: 'a.db', takenAt: '2026-11-15T02:00:00.000Z', reason: 'daily', sizeBytes: 1 }],
      newestGoodBackup: { file: 'a.db', takenAt: '2026-11-15T02:00:00.000Z', reason: 'daily', sizeBytes: 1, schemaVersion: 1, customers: 1_000_000, calls: 1 },
    };
    const { unmount } = render(<RecoveryScreen status={status} restoring={false} onRestore={() => undefined} />);
    expect(plain(screen.getByRole('main'))).toContain('Contiene 1.000.000 de clientes y 1 llamada.');
    unmount();
    await applyLanguage('de', 'EUR');
    render(<RecoveryScreen status={{ ...status, newestGoodBackup: null }} restoring={false} onRestore={() => undefined} />);
    expect(plain(screen.getByRole('main'))).toContain('Die einzige Sicherung in /b besteht die Integritätsprüfung nicht.');
  });
});
