import type { TFunction } from 'i18next';
import type { Template } from '../../../shared/api/outreach';
import { DEFAULT_TEMPLATES, templateKey } from '../../../shared/domain/outreachDefaults';
import { categoryName, reasonName } from './content';

/**
 * The message templates as Admin lists them, in the person's language: a default template's name
 * (how managers tell templates apart) shows the catalogue's `content.templates.<key>` while it still
 * carries its default text, and the reason or category it is for by the taxonomy's translated name.
 * Its subject and body are left as written: they are what the customer receives, and the core sends a
 * shipped one in the language the company writes to its customers (Admin, beside the currency;
 * shared/i18n/letters.ts), whatever language the manager's desk runs.
 * Kept apart from content.ts so the default templates' text loads with Admin, not with the Queue.
 */
const NAMES = new Map(DEFAULT_TEMPLATES.map((tpl) => [tpl.id, tpl.name]));

export { templateKey };

export function templateName(t: TFunction, id: string, stored: string): string {
  return NAMES.get(id) === stored ? (t as unknown as (k: string) => string)(`content.templates.${templateKey(id)}`) : stored;
}

export function localiseTemplate(t: TFunction, tpl: Template): Template {
  const scope = tpl.reasonId !== null ? reasonName(t, tpl.reasonId, tpl.scope) : tpl.categoryId !== null ? categoryName(t, tpl.categoryId, tpl.scope) : tpl.scope;
  return { ...tpl, name: templateName(t, tpl.id, tpl.name), scope };
}
