import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';

/**
 * A throw-away SQLite file that holds an import between reading the file and writing it: rows are
 * validated while the file streams in (with awaits), then written to the console's database in one
 * synchronous transaction. Holding them here instead of in memory keeps a 100 MB export from
 * needing gigabytes. Durability does not matter for it: it is deleted after the import.
 */
export class ImportStaging {
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

  /** Claims an id for a line; returns the earlier line when the id was already claimed. */
  claimId(externalId: string, line: number): number | null {
    if (this.claim.run(externalId, line).changes === 1) return null;
    return this.firstLine.get(externalId) as number;
  }

  addRows(rows: readonly { line: number; data: unknown }[]): void {
    for (const r of rows) this.insert.run(r.line, JSON.stringify(r.data));
  }

  /** Ends the pass; the rows can be read from now on. */
  seal(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM rows').pluck().get() as number;
  }

  /** The staged rows in file order. */
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
