import { describe, expect, it } from 'vitest';
import { buildEffectReport, type ExperimentCells } from '../../shared/reports/effect';
import { experimentLines } from '../../electron/backend/reports/trendsPdf';

/**
 * An experiment's "cannot tell apart" statement, carried by key with its figures: the PDF says it in
 * the exporting person's language with the locale's numbers; the command line prints the English.
 * Figures, worked out with Wilson intervals and Newcombe's hybrid score in Python: 30/100 against
 * 20/100 leads by +10 points, 95% interval -2.025 to +21.673, which includes no difference (the data
 * cannot tell); 60/100 against 20/100 leads by +40, interval +26.773 to +51.246, clearly apart.
 * Points are said to one decimal at most (-2.025 -> -2, 21.673 -> 21.7).
 */
const experiment = (id: string, a: number, b: number): ExperimentCells => ({
  id,
  name: `Test ${id}`,
  baseOfferId: 'half',
  running: true,
  winnerOfferId: null,
  decisionNote: '',
  variants: [
    { offerId: 'half', offer: 'Half price', weight: 1, customers: 100, recovered: a },
    { offerId: 'free', offer: 'Free month', weight: 1, customers: 100, recovered: b },
  ],
});

const report = buildEffectReport([], [], [experiment('close', 30, 20), experiment('clear', 60, 20)], null);
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the experiments’ statements', () => {
  it('the command line prints the English sentence, from the same key and figures', () => {
    const [close, clear] = report.experiments;
    expect(close?.canTell).toBe(false);
    expect(close?.said.key).toBe('trends.experiments.statement.cannotTell');
    expect(close?.statement).toBe(
      'The data cannot tell the variants apart yet: Half price leads Free month by +10 pts, but the 95% interval (-2 pts to +21.7 pts) includes no difference. Keep calling before choosing a winner.',
    );
    expect(clear?.statement).toBe('Half price wins back more customers than Free month: +40 pts, 95% interval +26.8 pts to +51.2 pts.');
  });

  it('the PDF says it in German, numbers as German writes them', () => {
    const [close] = experimentLines(report, 'de', 'EUR').map(plain);
    expect(close).toBe(
      'Test close: Die Daten können die Varianten noch nicht unterscheiden: Half price liegt +10 Pp. vor Free month, aber das 95-%-Intervall (-2 Pp. bis +21,7 Pp.) schließt keinen Unterschied ein. Rufen Sie weiter an, bevor Sie einen Gewinner wählen.',
    );
  });

  it('the PDF says it in French, numbers as French writes them', () => {
    const lines = experimentLines(report, 'fr', 'EUR').map(plain);
    expect(lines[0]).toBe(
      "Test close : Les données ne permettent pas encore de départager les variantes : Half price devance Free month de +10 pts, mais l'intervalle à 95 % (-2 pts à +21,7 pts) inclut l'absence de différence. Continuez d'appeler avant de choisir une gagnante.",
    );
    expect(lines[1]).toBe('Test clear : Half price reconquiert plus de clients que Free month : +40 pts, intervalle à 95 % de +26,8 pts à +51,2 pts.');
  });
});
