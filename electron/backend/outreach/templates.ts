import type { Preview, SaveTemplateSchema, Template } from '../../../shared/api/outreach';
import type { Person } from '../../../shared/api/session';
import { parseTemplate } from '../../../shared/domain/outreachTemplate';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { customerFacts } from '../../../db/repos/outreachFacts';
import { getCategory, getReason, listCategories, listReasons } from '../../../db/repos/reasons';
import {
  getTemplate,
  insertTemplate,
  listTemplates,
  liveTemplateForScope,
  setTemplateRetired,
  templateIdTaken,
  updateTemplate,
  type TemplateRow,
} from '../../../db/repos/outreachTemplates';
import type { z } from 'zod';
import type { ServiceDeps } from '../types';
import { slug, uniqueId } from '../playbook/ids';
import { composeFor, composeKit, parseTemplateRow, SAMPLE_CODE, type OutreachFacts } from './compose';
import { readOutreachSettings } from './settings';
import { mayContact } from './mayContact';
import { appError } from '../i18n/errors';
import { letterIn } from '../../../shared/content/letters';
import { customerLanguage } from '../locale/settings';

function scopeNames(db: Db): (t: Pick<TemplateRow, 'category_id' | 'reason_id'>) => string {
  const categories = new Map(listCategories(db).map((c) => [c.id, c.name]));
  const reasons = new Map(listReasons(db).map((r) => [r.id, r.name]));
  return (t) => (t.reason_id !== null ? (reasons.get(t.reason_id) ?? t.reason_id) : t.category_id !== null ? (categories.get(t.category_id) ?? t.category_id) : 'Every reason');
}

export function toTemplate(t: TemplateRow, scope: string): Template {
  // The fields a template uses are the same in every language it is sent in.
  const p = parseTemplateRow(t, 'en');
  return {
    id: t.id,
    kind: t.kind,
    categoryId: t.category_id,
    reasonId: t.reason_id,
    scope,
    name: t.name,
    subject: t.subject,
    body: t.body,
    fields: p?.fields ?? [],
    updatedAt: t.updated_at,
    retired: t.retired_at !== null,
  };
}

export function templateList(db: Db): { items: Template[] } {
  const scope = scopeNames(db);
  // A shipped template still carrying its shipped text is shown, and so edited, in the language it
  // is sent in; what the manager then saves goes out as written.
  const { language } = customerLanguage(db);
  return { items: listTemplates(db).map((t) => toTemplate(letterIn(t, language), scope(t))) };
}

/** Checks a subject and body as a template; throws the first problem, saying which part it is in. */
export function assertTemplateText(subject: string, body: string): void {
  const s = parseTemplate(subject);
  if (!s.ok) throw appError('invalid_input', 'outreach.template.subject', { problem: s.error });
  if (subject.includes('\n')) throw appError('invalid_input', 'outreach.template.subjectOneLine');
  const b = parseTemplate(body);
  if (!b.ok) throw appError('invalid_input', 'outreach.template.body', { problem: b.error });
}

type SaveInput = z.output<typeof SaveTemplateSchema>;

export function saveTemplate(deps: ServiceDeps, user: Person, input: SaveInput): { items: Template[] } {
  const { db } = deps;
  const at = deps.now().toISOString();
  assertTemplateText(input.subject, input.body);
  let categoryId = input.categoryId;
  if (input.reasonId !== null) {
    const reason = getReason(db, input.reasonId);
    if (!reason) throw appError('not_found', 'taxonomy.unknownReason', { id: input.reasonId });
    if (categoryId !== null && reason.category_id !== categoryId) throw appError('invalid_input', 'taxonomy.reasonNotInCategory', { reason: reason.name });
    categoryId = reason.category_id;
  } else if (categoryId !== null && !getCategory(db, categoryId)) {
    throw appError('not_found', 'taxonomy.unknownCategory', { id: categoryId });
  }
  const clash = liveTemplateForScope(db, input.kind, categoryId, input.reasonId);
  if (clash && clash.id !== input.id) {
    throw (clash.reason_id === null && clash.category_id === null
      ? appError('conflict', 'outreach.template.clashEvery', { name: clash.name })
      : appError('conflict', 'outreach.template.clash', { name: clash.name, scope: scopeNames(db)(clash) }));
  }
  db.transaction(() => {
    const write = { kind: input.kind, categoryId, reasonId: input.reasonId, name: input.name, subject: input.subject, body: input.body, updatedAt: at, updatedBy: user.id };
    if (input.id !== undefined) {
      const existing = getTemplate(db, input.id);
      if (!existing) throw appError('not_found', 'outreach.template.notFound');
      updateTemplate(db, { ...write, id: input.id });
      audit(db, { at, actorId: user.id, action: 'outreach.template.update', entity: 'outreach_template', entityId: input.id, detail: { name: input.name } });
    } else {
      const id = uniqueId(`template.${slug(input.name)}`, (x) => templateIdTaken(db, x));
      insertTemplate(db, { ...write, id });
      audit(db, { at, actorId: user.id, action: 'outreach.template.add', entity: 'outreach_template', entityId: id, detail: { name: input.name } });
    }
  })();
  return templateList(db);
}

export function retireTemplate(deps: ServiceDeps, user: Person, input: { id: string; retired: boolean }): { items: Template[] } {
  const { db } = deps;
  const at = deps.now().toISOString();
  const t = getTemplate(db, input.id);
  if (!t) throw appError('not_found', 'outreach.template.notFound');
  if (!input.retired) {
    const clash = liveTemplateForScope(db, t.kind, t.category_id, t.reason_id);
    if (clash && clash.id !== t.id) throw appError('conflict', 'outreach.template.restoreClash', { name: clash.name });
  }
  db.transaction(() => {
    setTemplateRetired(db, t.id, input.retired ? at : null);
    audit(db, { at, actorId: user.id, action: input.retired ? 'outreach.template.retire' : 'outreach.template.restore', entity: 'outreach_template', entityId: t.id });
  })();
  return templateList(db);
}

const SAMPLE_WHAT_CHANGED = '(what changed: the sentence written when an issue is marked fixed)';

/**
 * A template written for one customer before anything is produced: a saved template, or the
 * subject and body being edited. Values an outreach gives (what changed, the fix date, code expiry)
 * are samples here when not given; the customer's own values are theirs, and a missing one is the
 * error the outreach would show.
 */
export function previewTemplate(
  deps: ServiceDeps,
  input: { customerId: number; templateId?: string | undefined; draft?: { subject: string; body: string } | undefined; whatChanged?: string | undefined; fixedOn?: string | undefined },
): Preview {
  const { db } = deps;
  const facts = customerFacts(db, input.customerId);
  if (!facts) throw appError('not_found', 'customer.notHere');
  const kit = composeKit(db);
  const today = deps.now().toISOString().slice(0, 10);
  let row: TemplateRow | undefined;
  if (input.templateId !== undefined) {
    row = getTemplate(db, input.templateId);
    if (!row) throw appError('not_found', 'outreach.template.notFound');
  }
  if (input.draft) {
    assertTemplateText(input.draft.subject, input.draft.body);
    row = { ...(row ?? { id: 'draft', kind: 'what_changed', category_id: null, reason_id: null, name: 'Draft', updated_at: today, updated_by: null, retired_at: null }), subject: input.draft.subject, body: input.draft.body };
  }
  if (!row) throw appError('invalid_input', 'outreach.template.choose');
  // A shipped template (or a draft still carrying its shipped text) previews in the language written to customers.
  const template = parseTemplateRow(row, kit.language);
  if (!template) throw appError('invalid_input', 'outreach.template.unreadable');
  const settings = readOutreachSettings(db);
  const outreach: OutreachFacts = {
    whatChanged: input.whatChanged ?? SAMPLE_WHAT_CHANGED,
    fixedOn: input.fixedOn ?? today,
    codesValidUntil: addDays(today, 30),
    windowClosesOn: null,
    company: settings.company,
  };
  const composed = composeFor(db, kit, outreach, facts, { kind: row.kind, template, codes: { mode: 'sample' }, today });
  if (!composed.ok) return { ok: false, templateId: row.id, templateName: row.name, problem: composed.problem };
  const email = mayContact(db, facts.id, 'email', facts, deps.now());
  return {
    ok: true,
    templateId: row.id,
    templateName: row.name,
    to: email.ok ? facts.email : null,
    subject: composed.subject,
    body: composed.body,
    sampleCode: composed.code === SAMPLE_CODE,
  };
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
