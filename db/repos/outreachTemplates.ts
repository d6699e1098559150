import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { TemplateKind } from '../../shared/domain/outreachTemplate';

export interface TemplateRow {
  id: string;
  kind: TemplateKind;
  category_id: string | null;
  reason_id: string | null;
  name: string;
  subject: string;
  body: string;
  updated_at: string;
  updated_by: string | null;
  retired_at: string | null;
}

export interface TemplateWrite {
  id: string;
  kind: TemplateKind;
  categoryId: string | null;
  reasonId: string | null;
  name: string;
  subject: string;
  body: string;
  updatedAt: string;
  updatedBy: string | null;
}

export function listTemplates(db: Db): TemplateRow[] {
  return prepared(
    db,
    `SELECT t.* FROM outreach_templates t
     LEFT JOIN reason_categories rc ON rc.id = t.category_id
     ORDER BY t.kind, t.retired_at IS NOT NULL, t.category_id IS NOT NULL, rc.sort, t.reason_id, t.name`,
  ).all() as TemplateRow[];
}

export function getTemplate(db: Db, id: string): TemplateRow | undefined {
  return prepared(db, 'SELECT * FROM outreach_templates WHERE id = ?').get(id) as TemplateRow | undefined;
}

export function templateIdTaken(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM outreach_templates WHERE id = ?').get(id) !== undefined;
}

/** The live template of a kind for exactly this scope, if any (the unique index allows one). */
export function liveTemplateForScope(db: Db, kind: TemplateKind, categoryId: string | null, reasonId: string | null): TemplateRow | undefined {
  return prepared(
    db,
    `SELECT * FROM outreach_templates WHERE kind = ? AND coalesce(category_id, '') = coalesce(?, '')
       AND coalesce(reason_id, '') = coalesce(?, '') AND retired_at IS NULL`,
  ).get(kind, categoryId, reasonId) as TemplateRow | undefined;
}

export function insertTemplate(db: Db, t: TemplateWrite): void {
  prepared(
    db,
    `INSERT INTO outreach_templates (id, kind, category_id, reason_id, name, subject, body, updated_at, updated_by)
     VALUES (@id, @kind, @categoryId, @reasonId, @name, @subject, @body, @updatedAt, @updatedBy)`,
  ).run(t);
}

export function updateTemplate(db: Db, t: TemplateWrite): void {
  expectOneRow(
    prepared(
      db,
      `UPDATE outreach_templates SET kind = @kind, category_id = @categoryId, reason_id = @reasonId, name = @name,
         subject = @subject, body = @body, updated_at = @updatedAt, updated_by = @updatedBy WHERE id = @id`,
    ).run(t),
    'updateTemplate',
  );
}

export function setTemplateRetired(db: Db, id: string, retiredAt: string | null): void {
  expectOneRow(prepared(db, 'UPDATE outreach_templates SET retired_at = ? WHERE id = ?').run(retiredAt, id), 'setTemplateRetired');
}
