import type { Db } from '../../db/open';

/** A statement as better-sqlite3 ran it: the SQL and its parameters. */
export interface Ran {
  sql: string;
  params: unknown[];
}

/**
 * `db`, but every statement run through it with one of `methods` (`exec` included with 'run') is
 * also written down in `log`, so the same statements can be run again elsewhere: in another SQLite,
 * or in the sqlite3 shell.
 */
export function logging(db: Db, log: Ran[], methods: readonly string[] = ['run']): Db {
  const wrapStatement = (statement: object, sql: string): object =>
    new Proxy(statement, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (typeof prop === 'string' && methods.includes(prop)) log.push({ sql, params: args });
          const result: unknown = Reflect.apply(value, target, args);
          // pluck(), raw() and the like return the statement itself.
          return result === target ? wrapStatement(target, sql) : result;
        };
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql);
      if (prop === 'exec' && methods.includes('run')) {
        return (sql: string) => {
          log.push({ sql, params: [] });
          return target.exec(sql);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
