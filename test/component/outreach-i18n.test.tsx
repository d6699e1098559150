import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { IssueOutreach } from '../../renderer/src/views/outreach/IssueOutreach';
import { MessagePreview } from '../../renderer/src/views/outreach/MessagePreview';
import type { OutreachSummary } from '../../shared/api/outreach';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

const plain = (el: HTMLElement) => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

const figures = { members: 3, byCall: 3, requeued: 1, blocked: 0, ready: 0, queued: 0, sending: 0, sent: 2, failed: 0, exported: 0, uncertain: 1, reachedByCall: 1, told: 2, cameBack: 1, revenueBack: 1280 };
const summary: OutreachSummary = {
  id: 'o1', name: 'Wir haben es behoben: Ausfälle', issueId: 'i1', kind: 'what_changed', whatChanged: 'Jeder Verteiler hat jetzt eine Ersatzleitung.', fixedOn: '2026-11-18',
  byCall: true, messageChannel: 'email', codesValidUntil: '2026-12-18', createdAt: '2026-11-20T12:00:00.000Z', createdBy: 'Mia', excluded: [], figures,
};

describe('outreach in another language', () => {
  it('German with euros: what was fixed, who it reaches (plural), the figures after the fix', async () => {
    await applyLanguage('de', 'EUR');
    installFakeApi({
      'outreach.issue': () => ({ fixed: true, fix: { whatChanged: summary.whatChanged ?? '', fixedOn: '2026-11-18' }, outreaches: [summary] }),
      'outreach.issue.audience': () => ({ candidates: 4, included: 3, revenue: 1175, excluded: [{ why: { key: 'outreach.leftOutWhy.do_not_contact' }, customers: 1 }, { why: 'Marked do not contact', customers: 1 }] }),
    });
    render(<IssueOutreach issueId="i1" status="fixed" />);
    expect(await screen.findByText(/Was Kunden erfahren: Jeder Verteiler hat jetzt eine Ersatzleitung\./)).toBeInTheDocument();
    expect(screen.getByText('Behoben am 18.11.2026.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Prüfen, wen es erreicht' }));
    expect(plain(await screen.findByRole('status'))).toBe(
      // A reason kept by key is said in German; one stored before reasons were kept by key, as written.
      'Erreicht 3 von 4 nicht zurückgewonnenen Kunden (1.175,00 € im Monat). Nicht berücksichtigt: Als „nicht kontaktieren“ markiert (1); Marked do not contact (1).',
    );
    const after = screen.getByLabelText('Nach der Behebung', { selector: 'dl' });
    expect(plain(after)).toContain('Informierte Kunden2 von 3');
    expect(plain(after)).toContain('1.280,00 €');
    expect(plain(after)).toContain('2 per E-Mail, 1 telefonisch erreicht. 2 noch anzurufen.');
    expect(plain(after)).toContain('1 Nachricht nach einer Unterbrechung erneut gesendet');
  });

  it('Spanish: a message preview and why one cannot be written', async () => {
    await applyLanguage('es', 'EUR');
    const { rerender } = render(<MessagePreview preview={{ ok: true, templateId: 't1', templateName: 'Qué ha cambiado', to: null, subject: 'Lo hemos arreglado', body: 'Hola', sampleCode: false }} />);
    const preview = screen.getByRole('article', { name: 'Vista previa del mensaje' });
    expect(plain(preview)).toContain('Parapor carta');
    rerender(<MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: 'Falta el nombre.' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No se puede redactar este mensaje: Falta el nombre.');
  });

  it('why a message was not sent, kept by key: said in Spanish, and again in German after a switch', async () => {
    await applyLanguage('es', 'EUR');
    const { rerender } = render(<MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: { key: 'errors.outreach.notSent.unsubscribed' } }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No se puede redactar este mensaje: No enviado: el cliente se dio de baja de los correos después de preparar la campaña.');
    const relay = { key: 'errors.outreach.relay.answered', params: { code: '550', text: '5.1.1 Mailbox unavailable' } };
    rerender(<MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: relay }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('El servidor de correo ha respondido 550: 5.1.1 Mailbox unavailable');
    await act(() => applyLanguage('de', 'EUR'));
    expect(screen.getByRole('alert')).toHaveTextContent('Der Mailserver hat mit 550 geantwortet: 5.1.1 Mailbox unavailable');
  });
  it('why a message cannot be written, kept by key: the missing fields in German, an old English problem as stored', async () => {
    await applyLanguage('de', 'EUR');
    const field = (f: string) => ({ key: 'errors.outreach.compose.field', params: { label: { key: `outreach.templates.fields.${f}` }, token: `{{${f}}}` } });
    // As composing keeps it (electron/backend/outreach/compose.ts): the sentences, then what to do.
    const problem = {
      key: 'errors.outreach.compose.problems',
      params: {
        problems: {
          list: [{ key: 'errors.outreach.compose.missing', params: { fields: { list: [field('first_name'), field('code')], join: 'and' as const } } }, { key: 'errors.outreach.compose.noOffer' }],
          join: 'sentences' as const,
        },
      },
    };
    const { rerender } = render(<MessagePreview preview={{ ok: false, templateId: 't1', templateName: 'Preis', problem }} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Diese Nachricht kann nicht verfasst werden: Es fehlt ein Wert für Vorname ({{first_name}}) und Einmalcode ({{code}}). Die Angebotsregeln schlagen für ihren Grund kein passendes Angebot vor',
    );
    rerender(<MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: { key: 'errors.outreach.compose.noTemplate' } }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Für ihren Grund gibt es keine Vorlage dieser Art und auch keine allgemeine.');
    // Written before problems were kept by key: shown as stored.
    rerender(<MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: 'No value for first name ({{first_name}}).' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No value for first name ({{first_name}}).');
  });
});
