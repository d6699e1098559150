import type Database from 'better-sqlite3';

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection and reused. Preparing a write to calls or call_reasons
 * compiles every report-summary trigger it sets off (migration 7), which costs far more than
 * running it (about 0.2 ms against 0.02 ms); the call screen and amendments write these on every
 * call, so those writes keep their statements. SQLite prepares a statement again by itself if the
 * schema changes under it.
 */
export function cachedStatement(db: Database.Database, sql: string): Database.Statement {
  let statements = byConnection.get(db);
  if (!statements) {
    statements = new Map();
    byConnection.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
