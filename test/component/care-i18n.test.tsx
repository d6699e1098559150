import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { CareTable } from '../../renderer/src/views/care/CareTable';
import { RetentionView } from '../../renderer/src/views/care/RetentionPanel';
import { ReviewForm } from '../../renderer/src/views/care/ReviewForm';
import { careList, detail, retention, TODAY } from './careFixtures';

afterEach(() => applyLanguage('en', 'USD'));

/** Intl writes a no-break space before the euro sign and inside French numbers; compared as plain spaces. */
const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('Intensive care in another language', () => {
  it('German with euros: the table, the days overdue in the plural, the monthly revenue', async () => {
    await applyLanguage('de', 'EUR');
    render(<CareTable items={careList().items} today={TODAY} onOpen={() => undefined} />);
    const table = screen.getByRole('table', { name: 'Kunden in Intensivbetreuung' });
    expect(within(table).getByRole('columnheader', { name: 'Nächste Überprüfung' })).toBeInTheDocument();
    const ada = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(plain(ada)).toContain('Seit 3 Tagen überfällig');
    expect(plain(ada)).toContain('99,50 €/Monat');
    expect(plain(ada)).toContain('28.02.2027');
    expect(within(ada).getByRole('button', { name: 'Überprüfung von Ada Example öffnen' })).toBeInTheDocument();
    expect(plain(within(table).getAllByRole('row')[2] as HTMLElement)).toContain('Stabil');
  });

  it('Spanish with euros: how recoveries hold, in the singular and the plural', async () => {
    await applyLanguage('es', 'EUR');
    render(<RetentionView retention={retention()} />);
    expect(screen.getByRole('heading', { name: 'Cuánto duran las recuperaciones' })).toBeInTheDocument();
    const retained = screen.getByRole('table', { name: 'Siguen con nosotros después de' });
    expect(plain(within(retained).getAllByRole('row')[1] as HTMLElement)).toMatch(/^6 meses/);
    expect(plain(within(retained).getAllByRole('row')[2] as HTMLElement)).toContain('aún nadie recuperado hace 12 meses');
    const byReason = screen.getByRole('table', { name: 'Pérdidas repetidas según el motivo detectado en la llamada de recuperación' });
    expect(plain(within(byReason).getAllByRole('row')[1] as HTMLElement)).toContain('130,00 €');
  });

  it('French: the review form speaks French, its errors too', async () => {
    await applyLanguage('fr', 'EUR');
    render(<ReviewForm detail={detail()} busy={false} onSubmit={() => undefined} onCancel={() => undefined} />);
    const form = screen.getByRole('form', { name: 'Bilan de Ada Example' });
    expect(plain(form)).toContain('En retard de 3 jours');
    expect(plain(form)).toContain('99,50 €/mois');
    expect(within(form).getByRole('radio', { name: 'À surveiller' })).toBeInTheDocument();
    within(form).getByRole('button', { name: 'Terminer le bilan' }).click();
    expect(await screen.findByText('Choisissez un avis : bonne santé, à surveiller ou à risque.')).toBeInTheDocument();
  });
});
