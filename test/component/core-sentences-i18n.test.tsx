import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { CustomerCardContainer, CustomerCardView } from '../../renderer/src/views/CustomerCard';
import { Notices } from '../../renderer/src/components/Notices';
import type { CustomerCard } from '../../shared/api/customers';
import type { Said } from '../../shared/i18n/said';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

/** Intl separates thousands and currency signs with (narrow) no-break spaces; a person reads spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

const card: CustomerCard = {
  id: 7, externalId: 'C-7', name: 'Ada Example', company: null, phone: null, email: null, timezone: 'Europe/Berlin', segment: null, product: null,
  monthlyRevenue: 1290, tenureMonths: 14, departedAt: null, statedReason: null, statedReasonMapped: null, reasonCategory: null, frontlineRep: null,
  frontlineTeam: null, notes: null, cycle: null, doNotContact: false, controlGroup: false, callBlock: null,
  consent: { phone: null, email: null, post: null }, calls: [],
};

/** What the queue sends for a customer chosen by a rule who left over the price, with two attempts. */
const why: Said = {
  key: 'why.queued.sentence',
  params: {
    reasons: { key: 'why.queued.byRule', params: { rule: 'Worth a call' } },
    facts: { key: 'why.queued.lostAndLeft', params: { lost: { amount: 1290, currency: 'EUR' }, left: 'Too expensive' } },
    priority: {
      key: 'why.queued.priority',
      params: {
        score: 71,
        parts: {
          list: [
            { key: 'why.queued.part.revenueOfTop', params: { points: { signed: 31 }, top: { amount: 2500, currency: 'EUR' } } },
            { key: 'why.queued.part.attempts', params: { count: 2, points: { signed: -20 } } },
          ],
          join: 'comma',
        },
      },
    },
  },
};

const outsideHours: Said = { key: 'why.hours.outside', params: { time: '07:15', zone: 'Europe/Berlin', start: '09:00', end: '20:00' } };
const status = {
  callableNow: false, why: outsideHours, localTime: '07:15', timeZone: 'Europe/Berlin',
  zoneNote: { key: 'why.zone.inferred', params: { zone: 'Europe/Berlin', origin: { key: 'why.zone.source.phone' } } },
  nextTryAt: null, overrideAllowed: false, openedOutsideHoursBecause: null,
};

describe("the core's sentences in the person's language", () => {
  it('German with euros: why the customer is queued, why not callable now, where the zone came from', async () => {
    await applyLanguage('de', 'EUR');
    const { container } = render(<CustomerCardView card={card} status={status} why={why} />);
    expect(screen.getByRole('heading', { name: 'Warum in der Warteschlange' })).toBeInTheDocument();
    expect(plain(container.querySelector('.card-why')?.textContent)).toBe(
      'Ausgewählt durch die Regel „Worth a call“: 1.290,00 € pro Monat verloren; Kündigungsgrund: Too expensive. ' +
        'Priorität 71 (Umsatz +31 (im Verhältnis zum Höchstwert von 2.500,00 € pro Monat), 2 Versuche -20).',
    );
    expect(plain(container.querySelector('.card-callable')?.textContent)).toContain(
      'Außerhalb der Anrufzeiten: Beim Kunden ist es 07:15 (Europe/Berlin); Anrufe von 09:00 bis 20:00 Uhr Ortszeit des Kunden.',
    );
    expect(screen.getByText('Zeitzone Europe/Berlin, abgeleitet aus der Ländervorwahl der Telefonnummer.')).toBeInTheDocument();
    // No dollar sign in a euro company's words, whatever language.
    expect(container.textContent).not.toContain('$');
  });

  it('Spanish with euros: the same sentence in Spanish words and Spanish numbers', async () => {
    await applyLanguage('es', 'EUR');
    const { container } = render(<CustomerCardView card={card} why={why} />);
    expect(plain(container.querySelector('.card-why')?.textContent)).toBe(
      'Seleccionado por la regla «Worth a call»: 1290,00 € al mes perdidos; motivo de la baja: Too expensive. ' +
        'Prioridad 71 (ingresos +31 (en proporción al máximo de 2500,00 € al mes), 2 intentos -20).',
    );
  });

  it('shows a failed call in the person’s language from its key, and the core’s words for a key it does not know', async () => {
    await applyLanguage('es', 'EUR');
    installFakeApi({
      'customers.get': () => ({ code: 'not_found', message: 'No customer with id 7.', said: { key: 'errors.customer.notFound', params: { id: '7' } } }),
    });
    render(
      <>
        <Notices />
        <CustomerCardContainer id={7} />
      </>,
    );
    await waitFor(() => expect(screen.getByText('No hay ningún cliente con el id 7.')).toBeInTheDocument());
    expect(screen.queryByText('No customer with id 7.')).not.toBeInTheDocument();
  });

  it('falls back to the core’s own words for a key this window does not have', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi({
      'customers.get': () => ({ code: 'conflict', message: 'Something only a newer console says.', said: { key: 'errors.fromTheFuture' } }),
    });
    render(
      <>
        <Notices />
        <CustomerCardContainer id={7} />
      </>,
    );
    await waitFor(() => expect(screen.getByText('Something only a newer console says.')).toBeInTheDocument());
  });
});
