import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages/en/index';
import { es } from '../../shared/i18n/messages/es/index';
import { de } from '../../shared/i18n/messages/de/index';
import { fr } from '../../shared/i18n/messages/fr/index';
import { messageAt } from '../../shared/i18n/catalogue';
import type { Catalogue } from '../../shared/i18n/pseudo';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { DEFAULT_OFFERS } from '../../shared/domain/offers';
import { DEFAULT_TEMPLATES } from '../../shared/domain/outreachDefaults';
import { templateKey } from '../../renderer/src/i18n/templateContent';
import { CONSENT_WORDING, CONSENT_CHANNELS } from '../../shared/domain/consent';
import { OUTCOME_LABELS, OUTCOMES } from '../../shared/domain/outcomes';
import { STAGE_LABELS, STAGES } from '../../shared/domain/stages';
import { ASSIST_ACTION_LABELS, ASSIST_ACTIONS, OFFER_ANSWER_LABELS, OFFER_ANSWERS } from '../../shared/domain/callMachine';
import { callGuidance, type Say } from '../../shared/domain/guidance';
import { translatorFor } from '../../electron/backend/i18n';

const CATALOGUES: Record<Language, Catalogue> = { en, es, de, fr };

/**
 * The shipped content is shown by its stable id (`content.reasons.<id>`): every default id needs its
 * words in every language, and English must say exactly what the database stores, or a default
 * reason would look "renamed by a manager" and stay untranslated.
 */
describe('the shipped content in every language', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every default category, reason, offer and consent question has its words`, () => {
      const c = CATALOGUES[language];
      for (const category of DEFAULT_TAXONOMY) {
        expect(messageAt(c, `content.categories.${category.id}.name`), category.id).toBeTruthy();
        expect(messageAt(c, `content.categories.${category.id}.approach`), category.id).toBeTruthy();
        for (const reason of category.reasons) expect(messageAt(c, `content.reasons.${reason.id}`), reason.id).toBeTruthy();
      }
      for (const offer of DEFAULT_OFFERS) {
        expect(messageAt(c, `content.offers.${offer.id}.name`), offer.id).toBeTruthy();
        expect(messageAt(c, `content.offers.${offer.id}.talkingPoints`), offer.id).toBeTruthy();
      }
      for (const template of DEFAULT_TEMPLATES) expect(messageAt(c, `content.templates.${templateKey(template.id)}`), template.id).toBeTruthy();
      for (const channel of CONSENT_CHANNELS) expect(messageAt(c, `content.consent.${channel}`), channel).toBeTruthy();
    });
  }

  it('English says exactly what the defaults store, so an untouched default is recognised as one', () => {
    for (const category of DEFAULT_TAXONOMY) {
      expect(messageAt(en, `content.categories.${category.id}.name`)).toBe(category.name);
      expect(messageAt(en, `content.categories.${category.id}.approach`)).toBe(category.approach);
      for (const reason of category.reasons) expect(messageAt(en, `content.reasons.${reason.id}`)).toBe(reason.name);
    }
    for (const offer of DEFAULT_OFFERS) {
      expect(messageAt(en, `content.offers.${offer.id}.name`)).toBe(offer.name);
      expect(messageAt(en, `content.offers.${offer.id}.talkingPoints`)).toBe(offer.talkingPoints);
    }
    for (const template of DEFAULT_TEMPLATES) expect(messageAt(en, `content.templates.${templateKey(template.id)}`)).toBe(template.name);
    for (const channel of CONSENT_CHANNELS) expect(messageAt(en, `content.consent.${channel}`)).toBe(CONSENT_WORDING[channel]);
    for (const s of STAGES) expect(messageAt(en, `call.stages.${s}`)).toBe(STAGE_LABELS[s]);
    for (const o of OUTCOMES) expect(messageAt(en, `call.outcomes.${o}`)).toBe(OUTCOME_LABELS[o]);
    for (const a of ASSIST_ACTIONS) expect(messageAt(en, `call.assistActions.${a}`)).toBe(ASSIST_ACTION_LABELS[a]);
    for (const a of OFFER_ANSWERS) expect(messageAt(en, `call.offerAnswers.${a}`)).toBe(OFFER_ANSWER_LABELS[a]);
  });

  it('the translated names differ from English: nothing was left as a copy', () => {
    for (const language of ['es', 'de', 'fr'] as const) {
      const reasons = DEFAULT_TAXONOMY.flatMap((c) => c.reasons).filter((r) => messageAt(CATALOGUES[language], `content.reasons.${r.id}`) === r.name);
      expect(reasons.map((r) => r.id), language).toEqual([]);
      expect(messageAt(CATALOGUES[language], 'content.guidance.offer.agent')).not.toBe(messageAt(en, 'content.guidance.offer.agent'));
    }
  });
});

describe('the call script in the agent’s language', () => {
  const facts = { customerName: 'Ada Example', callerName: 'Ana Agente', callerRole: 'agent' as const, tenureMonths: 40, monthlyRevenue: 99.5, statedReasonText: 'Price too high', statedCategoryName: null, approach: null, diagnosedReasonName: 'Demasiado caro' };
  const sayIn = (language: Language): Say => {
    const t = translatorFor(language) as unknown as (key: string, params?: Record<string, unknown>) => string;
    return (key, params) => t(`content.guidance.${key}`, params);
  };

  it('Spanish: the apology with the tenure in years, the read-back with the reason, the customer’s own words untouched', () => {
    const g = callGuidance(facts, sayIn('es'));
    expect(g.apologize).toContain('«Hola, Ada, soy Ana Agente.');
    expect(g.apologize).toContain('después de 3 años con nosotros');
    expect(g.listen).toContain('Al darse de baja dijo «Price too high»');
    expect(g.diagnose).toContain('el motivo principal por el que se fue es: Demasiado caro. ¿Es así?');
  });

  it('German and French: months in the singular, and an executive’s condensed card in their own voice', () => {
    expect(callGuidance({ ...facts, tenureMonths: 1 }, sayIn('de')).apologize).toContain('so kurz nach Ihrem Start bei uns');
    expect(callGuidance({ ...facts, tenureMonths: 12 }, sayIn('de')).apologize).toContain('nach 12 Monaten bei uns');
    const exec = callGuidance({ ...facts, callerRole: 'executive', callerName: 'Morgan Exec' }, sayIn('fr'));
    expect(exec.apologize).toContain('je dirige une partie de l’entreprise'.replace('’', "'"));
    expect(exec.offer).toBe('Une offre est un chemin de retour, pas un argumentaire : une offre adaptée au motif, et un refus est acceptable.');
  });

  it('English without a translator is the catalogue’s English', () => {
    expect(callGuidance({ ...facts, diagnosedReasonName: 'Too expensive' }).diagnose).toContain('the main reason you left was: Too expensive. Is that right?');
  });
});
