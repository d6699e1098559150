import type { Locale } from '../../../shared/api/locale';
import { audit } from '../../../db/repos/audit';
import type { HandlerGroup, ServiceDeps } from '../types';
import { customerLanguage, languageOf, organisationCurrency, setCustomerLanguage, setLanguageOf, setOrganisationCurrency } from './settings';

function readLocale(deps: ServiceDeps, personId: string | null): Locale {
  const { currency, source } = organisationCurrency(deps.db);
  return { language: languageOf(deps.db, personId), currency, currencySource: source };
}

export const localeHandlers: HandlerGroup<'locale.get' | 'locale.setLanguage' | 'locale.setCurrency' | 'locale.customerLanguage' | 'locale.setCustomerLanguage'> = {
  'locale.get': (deps, _input, ctx) => readLocale(deps, ctx.user?.id ?? null),
  'locale.setLanguage': (deps, input, ctx) => {
    setLanguageOf(deps.db, ctx.user?.id ?? null, input.language);
    return readLocale(deps, ctx.user?.id ?? null);
  },
  'locale.setCurrency': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    deps.db.transaction(() => {
      setOrganisationCurrency(deps.db, input.currency);
      audit(deps.db, { at: now, actorId: ctx.user.id, action: 'locale.setCurrency', entity: 'settings', detail: { currency: input.currency } });
    })();
    return readLocale(deps, ctx.user.id);
  },
  'locale.customerLanguage': (deps) => customerLanguage(deps.db),
  'locale.setCustomerLanguage': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    deps.db.transaction(() => {
      setCustomerLanguage(deps.db, input.language);
      audit(deps.db, { at: now, actorId: ctx.user.id, action: 'locale.setCustomerLanguage', entity: 'settings', detail: { language: input.language } });
    })();
    return customerLanguage(deps.db);
  },
};
