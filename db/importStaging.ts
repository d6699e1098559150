import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';

/**
 * Where an import's rows wait between reading the file and writing it: rows are validated while the
 * file streams in (with awaits), then written to the console's database in one synchronous
 * transaction. Each customer id may be claimed once.
 */
export interface Staging {
  /** Claims an id for a line; returns the earlier line when the id was already claimed. */
  claimId(externalId: string, line: number): number | null;
  addRows(rows: readonly { line: number; data: unknown }[]): void;
  /** Ends the pass; the rows can be read from now on. */
  seal(): void;
  count(): number;
  /** The staged rows in file order. */
  rows<T>(): Iterable<{ line: number; data: T }>;
  dispose(): void;
}

/**
 * Files up to this size are staged in memory (a 100,000-row export is about 12 MB and its rows take
 * a few tens of MB as objects); larger ones go to a throw-away SQLite file, so a 100 MB export never
 * needs gigabytes. In memory, the rows skip a JSON round trip and two SQLite writes each: a third
 * of the time an import spent reading its file.
 */
export const MEMORY_STAGING_MAX_BYTES = 32 * 1024 * 1024;

export function createStaging(path: string, fileSize: number): Staging {
  return fileSize <= MEMORY_STAGING_MAX_BYTES ? new MemoryStaging() : new ImportStaging(path);
}

/** Staging for a file small enough to hold: the rows as they are, ids in a map. */
export class MemoryStaging implements Staging {
  private readonly ids = new Map<string, number>();
  private staged: { line: number; data: unknown }[] = [];

  claimId(externalId: string, line: number): number | null {
    const earlier = this.ids.get(externalId);
    if (earlier !== undefined) return earlier;
    this.ids.set(externalId, line);
    return null;
  }

  addRows(rows: readonly { line: number; data: unknown }[]): void {
    for (const r of rows) this.staged.push(r);
  }

  seal(): void {
    // Lines arrive in file order already.
  }

  count(): number {
    return this.staged.length;
  }

  rows<T>(): Iterable<{ line: number; data: T }> {
    return this.staged as { line: number; data: T }[];
  }

  dispose(): void {
    this.staged = [];
    this.ids.clear();
  }
}

/**
 * A throw-away SQLite file for a large import. Durability does not matter for it: it is deleted
 * after the import.
 */
export class ImportStaging implements Staging {
  private readonly db: Database.Database;
  private readonly claim: Database.Statement;
  private readonly firstLine: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(readonly path: string) {
    rmSync(path, { force: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE ids (external_id TEXT PRIMARY KEY, line INTEGER NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE rows (line INTEGER PRIMARY KEY, data TEXT NOT NULL) STRICT;
    `);
    this.claim = this.db.prepare('INSERT INTO ids (external_id, line) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.firstLine = this.db.prepare('SELECT line FROM ids WHERE external_id = ?').pluck();
    this.insert = this.db.prepare('INSERT INTO rows (line, data) VALUES (?, ?)');
    // One transaction for the whole pass: this connection is private, so holding it open across
    // the awaits of the file stream is safe, and it saves a write per row.
    this.db.exec('BEGIN');
  }

  claimId(externalId: string, line: number): number | null {
    if (this.claim.run(externalId, line).changes === 1) return null;
    return this.firstLine.get(externalId) as number;
  }

  addRows(rows: readonly { line: number; data: unknown }[]): void {
    for (const r of rows) this.insert.run(r.line, JSON.stringify(r.data));
  }

  seal(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM rows').pluck().get() as number;
  }

  *rows<T>(): Generator<{ line: number; data: T }> {
    this.seal();
    for (const r of this.db.prepare('SELECT line, data FROM rows ORDER BY line').iterate() as Iterable<{
      line: number;
      data: string;
    }>) {
      yield { line: r.line, data: JSON.parse(r.data) as T };
    }
  }

  dispose(): void {
    if (this.db.open) this.db.close();
    rmSync(this.path, { force: true });
  }
}
