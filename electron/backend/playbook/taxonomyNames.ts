import type { SaveOwnNamesInput } from '../../../shared/api/playbook';
import type { Person } from '../../../shared/api/session';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { said } from '../../../shared/i18n/said';
import { MAX_OWN_NAME, type OwnNames, type TaxonomyNames } from '../../../shared/i18n/taxonomyNames';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { getCategory, getReason } from '../../../db/repos/reasons';
import { listTaxonomyNames, replaceOwnNames } from '../../../db/repos/taxonomyNames';
import type { ServiceDeps } from '../types';
import { appError } from '../i18n/errors';

export function taxonomyNames(db: Db): TaxonomyNames {
  return listTaxonomyNames(db);
}

/**
 * A manager's names for one reason or category in each shipped language. The stored name stays what
 * it is (the hub and every earlier call keep it); a language left blank shows the stored name, or the
 * catalogue's words while that is still the shipped default.
 */
export function saveOwnNames(deps: ServiceDeps, user: Person, input: SaveOwnNamesInput): TaxonomyNames {
  const { db } = deps;
  const exists = input.kind === 'reason' ? getReason(db, input.id) : getCategory(db, input.id);
  if (!exists) throw appError('not_found', input.kind === 'reason' ? 'taxonomy.unknownReason' : 'taxonomy.unknownCategory', { id: input.id });
  const names: OwnNames = {};
  for (const language of LANGUAGES) {
    const name = (input.names[language] ?? '').trim();
    if (name === '') continue;
    if (name.length > MAX_OWN_NAME) {
      throw appError('invalid_input', 'taxonomy.ownNameTooLong', { language: said(`language.names.${language}`), max: MAX_OWN_NAME, length: name.length });
    }
    names[language] = name;
  }
  const now = deps.now().toISOString();
  db.transaction(() => {
    replaceOwnNames(db, input.kind, input.id, names);
    audit(db, {
      at: now,
      actorId: user.id,
      action: `taxonomy.${input.kind}.names`,
      entity: input.kind === 'reason' ? 'reason' : 'reason_category',
      entityId: input.id,
      detail: { languages: Object.keys(names) },
    });
  })();
  return listTaxonomyNames(db);
}
