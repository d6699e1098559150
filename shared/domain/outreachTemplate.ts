import type { Language } from '../i18n/languages';

/**
 * Message templates for keeping in touch with departed customers: a subject and a body with merge
 * fields written `{{first_name}}`. The syntax is the product's own and deliberately tiny: text and
 * named fields, nothing else (no conditions, loops, helpers or escapes), so a template can never
 * run code, and every field is checked against the list below when the template is saved.
 * General template engines (Mustache, Handlebars) bring sections, partials and HTML escaping that a
 * plain-text message to a customer has no use for, and their "missing value renders as blank" is
 * exactly what must not happen here: a missing value is an error for that customer, naming the field.
 */

export const TEMPLATE_KINDS = ['what_changed', 'new_feature', 'special_offer', 'reactivation', 'referral'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  what_changed: 'What changed',
  new_feature: 'New feature or product',
  special_offer: 'Special offer',
  reactivation: 'Reactivation window',
  referral: 'Referral',
};

export const MERGE_FIELDS = [
  'first_name',
  'their_words',
  'what_changed',
  'fixed_on',
  'offer',
  'code',
  'expiry',
  'window_closes',
  'agent_name',
  'company',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export type TemplatePart = { text: string } | { field: MergeField };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; error: string };

const FIELD_NAMES = new Set<string>(MERGE_FIELDS);
const isMergeField = (name: string): name is MergeField => FIELD_NAMES.has(name);

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * Parses a template once into text and fields. Fails with the first problem, naming the line and
 * the field as written, so the person can find it: an unknown field, or `{{` left open.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open === -1) {
      parts.push({ text: source.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: source.slice(at, open) });
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return { ok: false, error: `Line ${lineOf(source, open)}: "{{" is not closed with "}}".` };
    }
    const name = source.slice(open + 2, close).trim();
    if (!isMergeField(name)) {
      const shown = name === '' ? '{{}}' : `{{${name}}}`;
      return { ok: false, error: `Line ${lineOf(source, open)}: ${shown} is not a merge field. The fields are ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}.` };
    }
    parts.push({ field: name });
    at = close + 2;
  }
  return { ok: true, parts };
}

/** The fields a template uses, each once, in the order they first appear. */
export function fieldsUsed(parts: readonly TemplatePart[]): MergeField[] {
  const seen: MergeField[] = [];
  for (const p of parts) if ('field' in p && !seen.includes(p.field)) seen.push(p.field);
  return seen;
}

export type MergeValues = Partial<Record<MergeField, string | null>>;

export type Rendered = { ok: true; text: string } | { ok: false; missing: MergeField[] };

/** Fills the fields. A field without a value (absent, null or blank) fails the whole message, never renders blank. */
export function renderParts(parts: readonly TemplatePart[], values: MergeValues): Rendered {
  const missing: MergeField[] = [];
  let text = '';
  for (const p of parts) {
    if ('text' in p) {
      text += p.text;
      continue;
    }
    const value = values[p.field];
    if (value === undefined || value === null || value.trim() === '') {
      if (!missing.includes(p.field)) missing.push(p.field);
      continue;
    }
    text += value;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, text };
}

/**
 * A customer-facing date in the language written to customers: "1 December 2026", "1. Dezember 2026",
 * the same on every desk whatever its locale.
 */
export function formatLetterDate(day: string, language: Language = 'en'): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  // English letters keep the day-month order they always had ("12 November 2026"); the others as the language writes it.
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/**
 * The first name from a full name as departure files write it: "Ada Example" -> "Ada",
 * "Example, Ada" -> "Ada". Null when there is no name to take it from.
 */
export function firstNameOf(name: string | null): string | null {
  if (name === null) return null;
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const comma = trimmed.indexOf(',');
  const given = comma >= 0 ? trimmed.slice(comma + 1).trim() : trimmed;
  const first = given.split(/\s+/)[0] ?? '';
  return first === '' ? null : first;
}
