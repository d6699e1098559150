import type { Db } from '../open';
import { ImportMappingSchema, type ImportMapping } from '../../shared/domain/importMapping';

export function listImportMappings(db: Db): { name: string; mapping: ImportMapping }[] {
  const rows = db.prepare('SELECT name, mapping FROM import_mappings ORDER BY name').all() as { name: string; mapping: string }[];
  return rows.map((r) => ({ name: r.name, mapping: ImportMappingSchema.parse(JSON.parse(r.mapping)) }));
}

export function saveImportMapping(db: Db, name: string, mapping: ImportMapping, now: string): void {
  db.prepare(
    `INSERT INTO import_mappings (name, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(name, JSON.stringify(mapping), now);
}

export interface ImportRecord {
  id: string;
  fileName: string;
  at: string;
  actorId: string | null;
  imported: number;
  updated: number;
  skipped: number;
  invalid: number;
  noContact: number;
  unmapped: number;
}

export function recordImport(db: Db, r: ImportRecord): void {
  db.prepare(
    `INSERT INTO imports (id, file_name, at, actor_id, imported, updated, skipped, invalid, no_contact, unmapped)
     VALUES (@id, @fileName, @at, @actorId, @imported, @updated, @skipped, @invalid, @noContact, @unmapped)`,
  ).run(r);
}

export function listImports(db: Db, limit = 20): ImportRecord[] {
  return db
    .prepare(
      `SELECT id, file_name AS fileName, at, actor_id AS actorId, imported, updated, skipped, invalid,
         no_contact AS noContact, unmapped FROM imports ORDER BY at DESC LIMIT ?`,
    )
    .all(limit) as ImportRecord[];
}
