import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { CallScreen } from '../../renderer/src/views/call/CallScreen';
import { NoCall } from '../../renderer/src/views/Call';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../shared/i18n/pseudo';
import type { CallSession } from '../../shared/api/call';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';
import { callSession } from './callSession';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

function mountCall(role: Role = 'agent', over: Partial<CallSession> = {}) {
  installFakeApi({});
  const session = callSession(role, over);
  return render(
    <CallScreen
      session={session}
      state={session.state}
      restoredFrom={null}
      draftStatus="saved"
      draftSavedAt={null}
      problems={[{ code: 'choose_outcome' }]}
      message={{ code: 'go_through_first', stage: 'listen' }}
      busy={false}
      onChange={() => undefined}
      onMove={() => true}
      onComplete={() => undefined}
      onLeave={() => undefined}
    />,
  );
}

describe('the guided call in another language', () => {
  it('German with euros: stages, the script read aloud, the amount, the tenure in the plural, refusals', async () => {
    await applyLanguage('de', 'EUR');
    mountCall();
    expect(screen.getByRole('heading', { level: 1, name: 'Anruf bei Ada Example' })).toBeInTheDocument();
    for (const name of ['Entschuldigen', 'Zuhören', 'Grund klären', 'Helfen', 'Angebot']) expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    const facts = plain(document.querySelector('.call-facts') as HTMLElement);
    expect(facts).toContain('99,50 €/Monat');
    expect(facts).toContain('seit 3 Jahren Kunde');
    expect(facts).toContain('1 früherer Versuch');
    expect(plain(document.querySelector('[data-stage="apologize"] .guidance') as HTMLElement)).toContain('„Hallo Ada, hier spricht Ann Agent. Ich rufe an, weil Sie uns nach 3 Jahren bei uns verlassen haben');
    // The stated reason keeps the customer's words, with the shipped reason's name in German.
    expect(plain(document.querySelector('.stated-reason') as HTMLElement)).toContain('(erfasst als Zu teuer, Preis / Preis-Leistung)');
    expect(screen.getByText('Gehen Sie zuerst durch Zuhören.')).toBeInTheDocument();
    expect(within(screen.getByRole('alert')).getByText('Wählen Sie ein Ergebnis.')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Zurückgewonnen/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Anruf abschließen' })).toBeInTheDocument();
  });

  it('French: the executive’s one-screen card, with the briefing and the condensed script', async () => {
    await applyLanguage('fr', 'EUR');
    mountCall('executive');
    const briefing = screen.getByRole('region', { name: 'Fiche de préparation' });
    expect(plain(briefing)).toContain('99,50 € par mois, client depuis 3 ans');
    expect(plain(briefing)).toContain('« Price too high » (Trop cher)');
    const history = plain(within(briefing).getByRole('list', { name: "Ce que l'équipe a déjà tenté" }));
    expect(history).toContain('Sam Agent');
    expect(history).toContain(') : Pas de réponse ; fait : Ticket ouvert (Ticket 4411 for the bill) ; proposé : Période de réactivation (refusée)');
    expect(plain(document.querySelector('[data-stage="offer"] .guidance') as HTMLElement)).toBe(
      'Une offre est un chemin de retour, pas un argumentaire : une offre adaptée au motif, et un refus est acceptable.',
    );
    expect(screen.getByLabelText('Résumé en une ligne')).toBeInTheDocument();
  });

  it('a reason a manager renamed shows as they wrote it; the shipped ones in the person’s language', async () => {
    await applyLanguage('es', 'EUR');
    const session = callSession();
    const taxonomy = session.taxonomy.map((c) => (c.id === 'price' ? { ...c, reasons: c.reasons.map((r) => (r.id === 'price.extra-charges' ? { ...r, name: 'Recargos de roaming' } : r)) } : c));
    mountCall('agent', { taxonomy, state: { ...session.state, stage: 'diagnose', reached: 'diagnose', visited: ['apologize', 'listen', 'diagnose'], diagnose: { ...session.state.diagnose, categoryId: 'price' } } });
    const reasons = within(screen.getByLabelText('Motivo concreto')).getAllByRole('option').map((o) => o.textContent);
    expect(reasons).toContain('Demasiado caro');
    expect(reasons).toContain('Recargos de roaming');
    expect(within(screen.getByLabelText('Categoría del motivo')).getByRole('option', { name: 'Precio / relación calidad-precio' })).toHaveValue('price');
  });
});

describe('in the pseudo-language, no text of the call bypasses the catalogue', () => {
  /** What the call shows that is data, not the console's words (names, the customer's words; month and AM/PM from Intl). */
  const DATA = ['Ada Example', 'Ann Agent', 'Morgan Exec', 'Price too high', 'DSL', 'Month-to-month', 'Rep Avery', 'Billing desk', 'America/Los_Angeles', 'Sam Agent', 'Ticket 4411 for the bill', 'Alt', 'Ctrl', 'Enter', 'Escape', 'Nov', 'AM', 'PM'];
  function untranslated(container: HTMLElement): string[] {
    const attributes = [...container.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) => ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''));
    const texts = [container.textContent ?? '', ...attributes, ...[...container.querySelectorAll('option, legend, label')].map((el) => el.textContent ?? '')];
    return [
      ...new Set(
        texts.flatMap((text) => {
          let rest = text.replace(new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g'), ' ');
          for (const d of [...DATA].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
          return rest.match(/[A-Za-z]{2,}/g) ?? [];
        }),
      ),
    ];
  }

  it('the agent’s call, the executive’s card and the screen without a call', async () => {
    await applyLanguage('en-XA', 'EUR');
    expect(untranslated(mountCall('agent').container)).toEqual([]);
    expect(untranslated(mountCall('executive').container)).toEqual([]);
    expect(untranslated(render(<NoCall onNext={() => undefined} onQueue={() => undefined} busy={false} unfinished={[{ callId: 'k', customerId: 7, customer: 'Ada Example', stage: 'listen', savedAt: '2026-11-16T15:00:00Z' }]} />).container)).toEqual([]);
  });
});
