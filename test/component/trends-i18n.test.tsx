import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import { TrendsView } from '../../renderer/src/views/Trends';
import { EffectView } from '../../renderer/src/views/trends/EffectPanel';
import { ExportRow } from '../../renderer/src/views/trends/ExportsPanel';
import { buildEffectReport } from '../../shared/reports/effect';
import { buildOfferEconomics } from '../../shared/reports/offerEconomics';
import { buildHandleTimeReport } from '../../shared/reports/handleTime';
import { installFakeApi } from './fakeApi';
import { agreement, byCycle, matrix, options, recovery, statedReasons } from './trendsData';

/** Intl writes a no-break space before the euro sign and inside French numbers; compared as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell').map((td) => plain(td.textContent)));

let saved: Blob[];
beforeEach(() => {
  saved = [];
  const urls = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${(n += 1)}`;
    urls.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = urls.get(this.href);
    if (blob) saved.push(blob);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await applyLanguage('en', 'USD');
});

function fakeReports() {
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
  installFakeApi({
    'reports.options': () => options('all'),
    'reports.reasons': (i) => (i.group === 'cycle' ? byCycle : statedReasons),
    'reports.recovery': () => recovery,
    'reports.offerMatrix': () => matrix,
    'reports.agreement': () => agreement,
    'effect.report': () => buildEffectReport([], [], [], null),
    'effect.offers': () => buildOfferEconomics([], [], null),
    'effect.handleTime': () => buildHandleTimeReport([], 0, null),
    'effect.controls': () => [],
  });
}

describe('Trends in another language', () => {
  it('German with euros: headings, totals, the Pareto table and its CSV, whose amount header names the currency', async () => {
    await applyLanguage('de', 'EUR');
    fakeReports();
    const user = userEvent.setup();
    render(<TrendsView />);
    expect(screen.getByRole('heading', { name: 'Trends', level: 1 })).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Wohin der Umsatz ging: genannte Gründe nach verlorenem Monatsumsatz' });
    await screen.findByRole('heading', { name: 'Verlauf über die Zyklen: verlorener Monatsumsatz je Kategorie' });
    for (const title of ['Rückgewinnung nach geklärtem Grund', 'Führungskräfte und das Rückgewinnungsteam', 'Wirkung der Angebote: Grund nach Angebot', 'Genannte und geklärte Gründe im Vergleich', 'Exporte']) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    const totals = screen.getByLabelText('Summen');
    expect(plain(within(totals).getByText('Verlorener Monatsumsatz').nextSibling?.textContent ?? '')).toBe('280,00 €');
    expect(plain(within(totals).getByText('Rückgewinnungsquote').nextSibling?.textContent ?? '')).toBe('42,9 %');

    const pareto = screen.getByRole('table', { name: 'Gründe nach verlorenem Monatsumsatz' });
    expect(within(pareto).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Kategorie', 'Grund', 'Abgewandert', 'Verlorener Umsatz', 'Anteil', 'Kumuliert', 'Problem']);
    expect(cellsOf(pareto)[0]?.slice(1, 6)).toEqual(['Zu teuer', '2', '120,00 €', '42,9 %', '42,9 %']);
    expect(screen.getByRole('img', { name: /Der größte ist Zu teuer mit 120,00\s€ \(42,9\s%\)/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /über 2 Zyklen/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'CSV herunterladen: Gründe nach verlorenem Monatsumsatz' }));
    const rows = parse<Record<string, string>>(await (saved[0]?.text() ?? Promise.resolve('')), { columns: true, bom: true });
    // The header is the person's language and names the currency; the cells stay numbers a spreadsheet reads.
    expect(rows.map((r) => [r.Grund, r['Verlorener Umsatz (EUR)'], r.Kumuliert])[0]).toEqual(['Zu teuer', '120', '0.4286']);
    expect(screen.getByRole('button', { name: 'Abgewanderte Kunden exportieren (CSV)' })).toBeInTheDocument();
  });

  it('Spanish: whether the calls worked, its points and its plurals', async () => {
    await applyLanguage('es', 'EUR');
    const effect = buildEffectReport(
      [
        { cycleId: '2026-11', cycle: 'Noviembre', reasonId: 'price', reason: 'Caro', segment: 'Anual', control: false, customers: 70, called: 60, returned: 56 },
        { cycleId: '2026-11', cycle: 'Noviembre', reasonId: 'price', reason: 'Caro', segment: 'Anual', control: true, customers: 80, called: 0, returned: 48 },
      ],
      [{ cycleId: '2026-11', cycle: 'Noviembre', sharePercent: 50 }],
      [],
      null,
    );
    const handleTime = buildHandleTimeReport(
      [{ callerId: 'p1', caller: 'Ana', role: 'agent', cycleId: '2026-11', cycle: 'Noviembre', outcome: 'recovered', calls: 2, talkMs: 600_000, wrapMs: 120_000, stageMs: { apologize: 60_000, listen: 240_000, diagnose: 120_000, assist: 120_000, offer: 60_000 } }],
      1,
      null,
    );
    render(
      <EffectView
        effect={effect}
        offers={buildOfferEconomics([], [], null)}
        handleTime={handleTime}
        controls={[{ cycleId: '2026-11', cycle: 'Noviembre', sharePercent: 50, toCall: 70, control: 80 }]}
        cycles={[{ id: '2026-11', name: 'Noviembre' }]}
      />,
    );
    const answer = screen.getByRole('group', { name: '¿Funcionaron las llamadas? La respuesta' });
    expect(plain(answer.textContent)).toContain('Las llamadas recuperaron más clientes que no llamar.');
    expect(plain(answer.textContent)).toContain('volvieron en un 80,0 % (56 de 70)');
    expect(plain(answer.textContent)).toContain('Diferencia +20,0 pp, intervalo del 95 % de +5,2 pp a +33,4 pp.');
    expect(screen.getByText(/Se deja fuera 1 llamada de antes/)).toBeInTheDocument();
    expect(plain(screen.getByText(/Noviembre: 50/).textContent)).toBe('Noviembre: 50 % apartado (80 clientes sin llamar, 70 por llamar)');
    expect(within(screen.getByRole('table', { name: 'Tiempo de gestión por agente' })).getByRole('columnheader', { name: 'Disculparse' })).toBeInTheDocument();
  });

  it('French: an export saved, in the singular and the plural', async () => {
    await applyLanguage('fr', 'EUR');
    const { rerender } = render(<ExportRow dataset="calls" progress={{ phase: 'saved', rows: 1, total: 1, bytes: 10, received: 10, fileName: 'a.csv' }} onStart={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Exporter : appels (CSV)' })).toBeInTheDocument();
    expect(screen.getByText('1 ligne enregistrée sous a.csv.')).toBeInTheDocument();
    rerender(<ExportRow dataset="calls" progress={{ phase: 'saved', rows: 12345, total: 12345, bytes: 10, received: 10, fileName: 'a.csv' }} onStart={() => undefined} />);
    expect(plain(screen.getByText(/lignes enregistrées/).textContent)).toBe('12 345 lignes enregistrées sous a.csv.');
  });
});
