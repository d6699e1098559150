import { sql, type ColumnMetadata, type DatabaseIntrospector, type DatabaseMetadataOptions, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

/** Kysely's own bookkeeping tables, left out unless asked for (as Kysely's introspectors do). */
const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

interface ColumnRow {
  table: string;
  table_type: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  identity: string;
  default_expression: string | null;
}

/**
 * What the hub's migrator asks of PostgreSQL (does this schema, this table exist), read from the
 * hub's own schema only.
 *
 * Kysely's PostgreSQL introspector reads every table of every schema in the database and calls
 * `pg_get_serial_sequence('schema.table', column)` on each. That call looks the table up by name
 * afresh, outside the query's snapshot: when another schema on the same server is dropped while
 * the query runs (another hub's, or a test's), it fails with "relation … does not exist" or
 * "schema … does not exist", and a hub starting at that moment refused to start. Reading only
 * the hub's own schema, with nothing looked up by name, leaves other schemas out of it.
 */
export class HubSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`SELECT nspname AS name FROM pg_catalog.pg_namespace`.execute(this.#db);
    return rows.rows.map((r) => ({ name: r.name }));
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const schema = (await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(this.#db)).rows[0]?.schema;
    if (!schema) return [];
    const rows = await sql<ColumnRow>`
      SELECT c.relname AS table, c.relkind AS table_type, a.attname AS column, a.attnotnull AS not_null,
             a.atthasdef AS has_default, typ.typname AS type, tns.nspname AS type_schema, a.attidentity AS identity,
             pg_get_expr(d.adbin, d.adrelid) AS default_expression
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
        JOIN pg_catalog.pg_type typ ON typ.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tns ON tns.oid = typ.typnamespace
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
       WHERE ns.nspname = ${schema} AND c.relkind IN ('r', 'v', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY c.relname, a.attnum`.execute(this.#db);
    const tables = new Map<string, TableMetadata & { columns: ColumnMetadata[] }>();
    for (const row of rows.rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLES.includes(row.table)) continue;
      let table = tables.get(row.table);
      if (!table) {
        table = { name: row.table, schema, isView: row.table_type === 'v', isForeign: row.table_type === 'f', columns: [] };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        // An identity column, or a serial's default drawing on its sequence.
        isAutoIncrementing: row.identity !== '' || (row.default_expression?.startsWith('nextval(') ?? false),
      });
    }
    return [...tables.values()];
  }
}
