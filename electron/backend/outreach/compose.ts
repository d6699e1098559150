import type { Db } from '../../../db/open';
import { listOffers, type OfferRow } from '../../../db/repos/offers';
import { listTemplates, type TemplateRow } from '../../../db/repos/outreachTemplates';
import type { CustomerFactsRow } from '../../../db/repos/outreachFacts';
import { proposeOffers, type OfferRuleDef } from '../../../shared/domain/offers';
import {
  fieldsUsed,
  firstNameOf,
  formatLetterDate,
  parseTemplate,
  renderParts,
  type MergeField,
  type MergeValues,
  type TemplateKind,
  type TemplatePart,
} from '../../../shared/domain/outreachTemplate';
import { newOfferCode } from '../call/codes';
import { activeRules, toRuleDef } from '../playbook/offers';
import type { Language } from '../../../shared/i18n/languages';
import { letterIn } from '../../../shared/content/letters';
import { DEFAULT_OFFERS } from '../../../shared/domain/offers';
import { customerLanguage } from '../locale/settings';
import { translatorFor } from '../i18n';
import { said, type Said } from '../../../shared/i18n/said';

/** What an outreach says about itself, for every one of its messages. */
export interface OutreachFacts {
  whatChanged: string | null;
  fixedOn: string | null;
  codesValidUntil: string | null;
  windowClosesOn: string | null;
  company: string | null;
}

interface ParsedTemplate {
  row: TemplateRow;
  subject: TemplatePart[];
  body: TemplatePart[];
  fields: MergeField[];
}

/**
 * Everything composing reads once per outreach rather than once per customer: the live templates
 * parsed, the offer rules, the offers.
 */
export interface ComposeKit {
  templates: ParsedTemplate[];
  rules: OfferRuleDef[];
  offers: Map<string, OfferRow>;
  /** The language the company writes to its customers in: shipped templates, offer names and dates in it. */
  language: Language;
}

/**
 * A template ready to fill, in the language written to customers where it still carries its shipped
 * text (a manager's own text is sent as written); the row keeps what is stored.
 */
function parsed(row: TemplateRow, language: Language): ParsedTemplate | null {
  const text = letterIn(row, language);
  const subject = parseTemplate(text.subject);
  const body = parseTemplate(text.body);
  // Saved templates were checked when saved; one that no longer parses is skipped, never sent half-filled.
  if (!subject.ok || !body.ok) return null;
  return { row, subject: subject.parts, body: body.parts, fields: [...new Set([...fieldsUsed(subject.parts), ...fieldsUsed(body.parts)])] };
}

export function composeKit(db: Db): ComposeKit {
  const offerRows = listOffers(db);
  const { language } = customerLanguage(db);
  return {
    templates: listTemplates(db)
      .filter((t) => t.retired_at === null)
      .map((t) => parsed(t, language))
      .filter((t): t is ParsedTemplate => t !== null),
    rules: activeRules(db, offerRows).map(toRuleDef),
    offers: new Map(offerRows.map((o) => [o.id, o])),
    language,
  };
}

const SHIPPED_OFFER_NAMES = new Map(DEFAULT_OFFERS.map((o) => [o.id, o.name]));

/** A shipped offer still under its shipped name is named in the customer's language; a manager's name as written. */
function offerNameIn(offer: OfferRow, language: Language): string {
  if (SHIPPED_OFFER_NAMES.get(offer.id) !== offer.name) return offer.name;
  return (translatorFor(language) as unknown as (key: string) => string)(`content.offers.${offer.id}.name`);
}

/** The reason that speaks for the customer: the one a call diagnosed, else the one stated when they left. */
export function reasonOf(c: CustomerFactsRow): { reasonId: string | null; categoryId: string | null } {
  return c.diagnosed_reason_id !== null
    ? { reasonId: c.diagnosed_reason_id, categoryId: c.diagnosed_category_id }
    : { reasonId: c.stated_reason_id, categoryId: c.stated_category_id };
}

/** The most specific live template of a kind for a reason: the reason's own, its category's, or the general one. */
export function chooseTemplate(kit: ComposeKit, kind: TemplateKind, reason: { reasonId: string | null; categoryId: string | null }): ParsedTemplate | null {
  const ofKind = kit.templates.filter((t) => t.row.kind === kind);
  return (
    (reason.reasonId !== null ? ofKind.find((t) => t.row.reason_id === reason.reasonId) : undefined) ??
    (reason.categoryId !== null ? ofKind.find((t) => t.row.reason_id === null && t.row.category_id === reason.categoryId) : undefined) ??
    ofKind.find((t) => t.row.reason_id === null && t.row.category_id === null) ??
    null
  );
}

export type Composed =
  | { ok: true; templateId: string; subject: string; body: string; offerId: string | null; code: string | null; codeExpiresOn: string | null }
  /** Why it cannot be written, by key: stored with `keepSaid`, said in the reader's language when drawn. */
  | { ok: false; templateId: string | null; problem: Said };

export interface ComposeOptions {
  kind: TemplateKind;
  /** A template to use instead of choosing one (a template's preview, or a draft being edited). */
  template?: ParsedTemplate;
  /**
   * 'issue' makes a real single-use code when the message needs one; 'sample' shows a placeholder
   * (previews hand out nothing); 'keep' reuses the code already on the message.
   */
  codes: { mode: 'issue' } | { mode: 'sample' } | { mode: 'keep'; code: string | null };
  today: string;
}

export const SAMPLE_CODE = 'WB-SAMP-LE00';

/**
 * One customer's message: the template for their reason, every field it uses filled, or the
 * fields that have no value for them (never a blank in the message).
 */
export function composeFor(db: Db, kit: ComposeKit, facts: OutreachFacts, c: CustomerFactsRow, options: ComposeOptions): Composed {
  const reason = reasonOf(c);
  const template = options.template ?? chooseTemplate(kit, options.kind, reason);
  if (!template) return { ok: false, templateId: null, problem: said('errors.outreach.compose.noTemplate') };
  const uses = new Set(template.fields);
  const values: MergeValues = {
    first_name: firstNameOf(c.name),
    their_words: c.call_words ?? c.stated_reason_text,
    what_changed: facts.whatChanged,
    fixed_on: facts.fixedOn === null ? null : formatLetterDate(facts.fixedOn, kit.language),
    agent_name: c.agent_name,
    company: facts.company,
  };
  const windowCloses = facts.windowClosesOn ?? (c.reactivation_until !== null && c.reactivation_until >= options.today ? c.reactivation_until : null);
  values.window_closes = windowCloses === null ? null : formatLetterDate(windowCloses, kit.language);

  let offerId: string | null = null;
  let code: string | null = null;
  let codeExpiresOn: string | null = null;
  if (uses.has('offer') || uses.has('code') || uses.has('expiry')) {
    const proposed = proposeOffers(kit.rules, {
      categoryId: reason.categoryId,
      reasonId: reason.reasonId,
      product: c.product,
      segment: c.segment,
      monthlyRevenue: c.monthly_revenue,
    });
    const needsCode = uses.has('code') || uses.has('expiry');
    const offer = proposed.map((p) => kit.offers.get(p.offerId)).find((o) => o !== undefined && (!needsCode || o.generates_code === 1));
    if (offer) {
      offerId = offer.id;
      values.offer = offerNameIn(offer, kit.language);
      if (needsCode) {
        codeExpiresOn = facts.codesValidUntil;
        values.expiry = codeExpiresOn === null ? null : formatLetterDate(codeExpiresOn, kit.language);
        if (uses.has('code')) {
          const codes = options.codes;
          code = codes.mode === 'sample' ? SAMPLE_CODE : codes.mode === 'keep' && codes.code !== null ? codes.code : newOfferCode(db);
          values.code = code;
        }
      }
    }
  }
  const subject = renderParts(template.subject, values);
  const body = renderParts(template.body, values);
  const missing = [...new Set([...(subject.ok ? [] : subject.missing), ...(body.ok ? [] : body.missing)])];
  if (!subject.ok || !body.ok) {
    return { ok: false, templateId: template.row.id, problem: missingProblem(missing) };
  }
  return { ok: true, templateId: template.row.id, subject: subject.text.replace(/\s+/g, ' ').trim(), body: body.text, offerId, code, codeExpiresOn };
}

/**
 * "No value for the first name ({{first_name}}) and the offer ({{offer}})." with what to do about
 * it where the console knows: the offer rules, or the company name in Admin.
 */
function missingProblem(missing: readonly MergeField[]): Said {
  const fields = missing.map((f) => said('errors.outreach.compose.field', { label: said(`outreach.templates.fields.${f}`), token: `{{${f}}}` }));
  const sentences: Said[] = [said('errors.outreach.compose.missing', { fields: { list: fields, join: 'and' } })];
  if (missing.includes('offer') || missing.includes('code')) sentences.push(said('errors.outreach.compose.noOffer'));
  if (missing.includes('company')) sentences.push(said('errors.outreach.compose.setCompany'));
  return sentences.length === 1 ? (sentences[0] as Said) : said('errors.outreach.compose.problems', { problems: { list: sentences, join: 'sentences' } });
}

export { parsed as parseTemplateRow };
