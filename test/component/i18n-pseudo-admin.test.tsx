import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import { PeopleTable } from '../../renderer/src/views/Admin';
import { AdminSections } from '../../renderer/src/views/admin/AdminSections';
import { ImportPreviewView } from '../../renderer/src/views/admin/ImportPreviewView';
import { ImportProgressBar } from '../../renderer/src/views/admin/ImportSection';
import { MappingEditor } from '../../renderer/src/views/admin/MappingEditor';
import { UnmappedReasonsTable } from '../../renderer/src/views/admin/UnmappedReasonsSection';
import { CycleSummaryView } from '../../renderer/src/views/admin/CyclesSection';
import { SelectionEditor } from '../../renderer/src/views/admin/SelectionSection';
import { ContactRulesForm } from '../../renderer/src/views/admin/ContactRulesSection';
import { RetryPolicyForm } from '../../renderer/src/views/admin/RetryPolicySection';
import { LedgerView } from '../../renderer/src/views/admin/PermissionsSection';
import { RetentionForm } from '../../renderer/src/views/admin/RetentionSection';
import { HubSettingsPanel } from '../../renderer/src/views/admin/HubSettings';
import { PassphraseSection } from '../../renderer/src/views/admin/PassphraseSection';
import { AssignmentSection } from '../../renderer/src/views/admin/AssignmentSection';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../shared/i18n/pseudo';
import type { ImportPreview } from '../../shared/api/import';
import type { Ledger } from '../../shared/api/permissions';
import type { QueueItem } from '../../shared/api/queue';
import { installFakeApi } from './fakeApi';

/**
 * Admin takes every word from the catalogue: in the pseudo-language each catalogue string is
 * bracketed ⟦…⟧, so a word left outside the brackets, once the data on screen (names, file columns,
 * the core's own messages) is taken away, bypassed the catalogue.
 */
const MONTHS = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 15))));

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
  return [...new Set(outside.flatMap((rest) => rest.match(/[A-Za-z]{2,}/g) ?? []))].filter((w) => !MONTHS.includes(w) && w !== 'PM' && w !== 'AM');
}

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  encoding: 'utf8', separator: ',', newCount: 1, updatedCount: 0, skipped: 0, active: 2, invalid: 3, noContact: 0,
  unmapped: [{ text: 'Too pricey', customers: 2 }],
  dates: { slashed: true, format: 'dmy', chosen: false, example: { value: '25/03/2026', line: 4, column: 'Left on' } },
  warnings: [{ key: 'why.importWarning.noRevenue' }],
  errors: [{ line: 3, column: 'MRR', value: 'x', message: 'Not a number.' }],
  cycles: [{ id: '2026-11', name: 'November 2026', customers: 1 }], fileError: null, ...over,
});

const ledger: Ledger = {
  entries: [
    { id: 'e1', kind: 'phone', value: '+14155550101', scope: 'call', source: 'customer', note: 'Asked on a call', addedAt: '2026-11-12T10:00:00.000Z', addedBy: 'Ann Agent', expiresAt: '2027-01-01T00:00:00.000Z', expiredAt: null, expiredBy: null },
    { id: 'e2', kind: 'email', value: 'ada@example.com', scope: 'all', source: 'manager', note: '', addedAt: '2026-11-12T10:00:00.000Z', addedBy: 'Mia Manager', expiresAt: null, expiredAt: '2026-11-13T10:00:00.000Z', expiredBy: 'Mia Manager' },
  ],
  lists: [{ id: 'l1', name: 'National DNC', registry: true, size: 1200, scope: 'call', addedAt: '2026-11-01T10:00:00.000Z', addedBy: 'Mia Manager', expiresAt: null, expiredAt: null, expiredBy: null }],
  listsMatching: ['l1'],
  counts: { active: 1, expired: 1, lists: 1, listValues: 1200 },
  country: 'US', relationshipMonths: 18, syncedAt: null, pending: 2,
};

beforeAll(() => applyLanguage('en-XA', 'EUR'));
afterAll(() => applyLanguage('en', 'USD'));

describe('in the pseudo-language, no text of Admin bypasses the catalogue', () => {
  it('people, the sections, importing: progress, mapping, preview with its date question and problems', () => {
    useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia Manager', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
    installFakeApi({});
    const headers = ['Customer', 'Left on', 'MRR', 'Status'];
    const { container } = render(
      <>
        <PeopleTable people={[{ id: 'p1', name: 'Mia Manager', role: 'manager' }, { id: 'p2', name: 'Ann Agent', role: 'agent' }]} />
        <ImportProgressBar progress={{ label: 'reading', done: 4, total: 10 }} />
        <MappingEditor headers={headers} mapping={{ columns: { externalId: 'Customer', lastActivityAt: 'Left on' }, departedWhen: { column: 'Status', equals: 'Churned' }, statusColumn: 'Status' }} onChange={() => undefined} />
        <ImportPreviewView preview={preview()} mapping={{ columns: { externalId: 'Customer' } }} onMappingChange={() => undefined} />
        <ImportPreviewView preview={preview({ dates: { slashed: true, format: null, chosen: false, example: null }, errors: [], invalid: 0 })} mapping={{ columns: { externalId: 'Customer' }, importActive: true }} onMappingChange={() => undefined} />
        <AdminSections />
      </>,
    );
    const data = [...headers, 'Churned', 'Mia Manager', 'Ann Agent', 'Too pricey', '25/03/2026', 'Column Region is not used.', 'MRR', 'Not a number.', 'November 2026', 'UTF', 'Windows'];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('unmapped reasons, cycles, whom to call and the contact rules with retries', async () => {
    const { container } = render(
      <>
        <UnmappedReasonsTable busy={false} onMap={() => undefined} data={{ texts: [{ text: 'Too pricey', customers: 2, revenue: 80 }], reasons: [{ id: 'price.too-high', name: 'Too expensive', categoryId: 'price', categoryName: 'Price' }] }} />
        <UnmappedReasonsTable busy={false} onMap={() => undefined} data={{ texts: [], reasons: [] }} />
        <CycleSummaryView
          summary={{
            cycle: { id: '2026-11', name: 'November 2026', kind: 'monthly', startsOn: '2026-11-01', endsOn: '2026-11-30', departed: 3, revenue: 200 },
            departed: 3, revenue: 200, noContact: 1, unmapped: 1, queued: 2, called: 1, recovered: 1,
            bySegment: [{ label: 'Two year', customers: 3, revenue: 200 }], byValueBand: [{ label: 'High', customers: 3, revenue: 200 }],
            byReason: [{ label: 'Too pricey', customers: 1, revenue: 80, category: null, mapped: false }, { label: 'Moved', customers: 2, revenue: 120, category: 'Relocation', mapped: true }],
          }}
        />
        <SelectionEditor
          busy={false}
          onSave={() => undefined}
          view={{
            rules: [{ name: 'Worth a call', enabled: true, conditions: [{ field: 'monthlyRevenue', op: '>=', value: 50 }, { field: 'reasonCategory', op: 'is not', value: 'nr' }] }],
            valueBands: [{ name: 'High', minRevenue: 100, points: 10 }], segmentPoints: [{ segment: 'Two year', points: 5 }], selected: 1,
            choices: { segments: ['Two year'], products: ['DSL'], categories: [{ id: 'nr', name: 'Not recoverable' }] },
          }}
        />
        <ContactRulesForm busy={false} onSave={() => undefined} settings={{ cycleKind: 'monthly', callingWindow: { start: '09:00', end: '20:00' }, defaultTimezone: 'Europe/Berlin', callingHoursEnforced: true, maxAttempts: 3, executiveCap: 10 }} />
        <RetryPolicyForm busy={false} onSave={() => undefined} policy={{ retryCadenceMinutes: [30, 120, 1440, 4320], outsideHoursOverride: true }} />
      </>,
    );
    const cadence = container.querySelector('input[id$="-cadence"]') as HTMLElement;
    await userEvent.clear(cadence);
    await userEvent.type(cadence, 'soon');
    await userEvent.click(screen.getAllByRole('button').filter((b) => b.getAttribute('type') === 'submit').at(-1) as HTMLElement);
    const data = ['Too pricey', 'Too expensive', 'Price', 'November 2026', 'Two year', 'High', 'Moved', 'Relocation', 'Worth a call', 'DSL', 'Not recoverable', 'soon', 'Europe/Berlin', ' min', ' h'];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('contact permissions, the hub, the desk passphrase and assignment by rule and by hand', async () => {
    const item = (id: number, name: string, assignedTo: string | null): QueueItem => ({
      id, externalId: `C-${id}`, name, company: null, phone: null, segment: null, product: null, monthlyRevenue: 90, statedReason: null, reasonCategory: null,
      cycle: null, attempts: 0, callbackAt: null, priority: 50, why: { key: 'why.queued.noRule' }, assignedTo, assignedToId: assignedTo ? 'p2' : null, valueBand: null,
      timezone: 'UTC', localTime: '10:00', callableNow: true, notCallableBecause: null, callbackWith: null,
    });
    installFakeApi({
      'queue.filters': () => ({ segments: [], categories: [], cycles: [{ id: '2026-11', name: 'November 2026' }] }),
      'assignment.overview': () => [{ personId: 'p2', name: 'Ann Agent', role: 'agent', assigned: 4, cap: null }, { personId: 'p3', name: 'Eve Exec', role: 'executive', assigned: 2, cap: 10 }],
      'queue.list': () => ({ items: [item(1, 'Ada Example', 'Ann Agent'), item(2, 'Bruno Sample', null)], total: 3 }),
      'assignment.preview': () => ({ moving: 2, takenFrom: [{ personId: 'p2', name: 'Ann Agent', role: 'agent', count: 1, before: 4, after: 3, cap: null }] }),
    });
    const { container } = render(
      <>
        <LedgerView ledger={ledger} busy={false} onSearch={() => undefined} onAdd={() => undefined} onExpire={() => undefined} onImport={() => undefined} onCountry={() => undefined} onDownloadAudit={() => undefined} />
        <HubSettingsPanel settings={{ url: 'https://hub.acme.test/', tokenConfigured: true, refusedEvents: 2, lastPullAt: null }} role="manager" busy={false} message={null} onSave={() => undefined} onTest={() => undefined} onSyncNow={() => undefined} onPull={() => undefined} onPublish={() => undefined} onDisconnect={() => undefined} />
        <HubSettingsPanel settings={{ url: null, tokenConfigured: false, refusedEvents: 0, lastPullAt: null }} role="agent" busy={false} message={null} onSave={() => undefined} onTest={() => undefined} onSyncNow={() => undefined} onPull={() => undefined} onPublish={() => undefined} onDisconnect={() => undefined} />
        <PassphraseSection />
        <AssignmentSection />
      </>,
    );
    await screen.findByText('Bruno Sample');
    await userEvent.click(screen.getAllByRole('checkbox').find((c) => c.closest('tr')?.textContent?.includes('Ada Example')) as HTMLElement);
    await userEvent.click(screen.getAllByRole('button').find((b) => b.closest('.hand-assignment') && b.className === 'primary') as HTMLElement);
    await screen.findByRole('alertdialog');
    // Both mistakes of the hub form and the passphrase form show their messages.
    for (const form of container.querySelectorAll('form[novalidate]')) {
      const submit = form.querySelector('button[type="submit"]') as HTMLElement;
      await userEvent.click(submit);
    }
    const data = ['+14155550101', 'Asked on a call', 'Ann Agent', 'Mia Manager', 'ada@example.com', 'National DNC', 'https://hub.acme.test/', 'https://hub.example.com/', 'wbh', 'US', 'Eve Exec', 'Ada Example', 'Bruno Sample', 'November 2026', 'C-1', 'C-2', 'CSV'];
    expect(untranslated(container, data)).toEqual([]);
  });
  it('retention of personal data, with the last run, the next one and a refused number of months', async () => {
    const { container } = render(
      <RetentionForm
        settings={{ months: 24, daily: true, lastRun: { at: '2026-11-10T03:00:00.000Z', erased: 934 }, nextRunAt: '2026-11-17T03:00:00.000Z', wouldErase: 12 }}
        busy={false}
        onSave={() => undefined}
      />,
    );
    const months = screen.getByRole('textbox');
    await userEvent.clear(months);
    await userEvent.type(months, 'two years');
    await userEvent.click(screen.getByRole('button'));
    expect(months).toHaveAttribute('aria-invalid', 'true');
    expect(untranslated(container, ['two years'])).toEqual([]);
  });
});
