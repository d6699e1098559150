import { REASONS_TRIGGERS } from './011_portable_triggers_reasons';
import { RECOVERY_TRIGGERS } from './011_portable_triggers_recovery';
import { orderedAggregate } from './011_portable_triggers_sql';
import type { Migration } from './types';

/**
 * A console database that the tools IT people and analysts have can open: Debian 12's `sqlite3`
 * shell and Python's `sqlite3` module (SQLite 3.40.1), and any SQLite from 3.37 (Ubuntu 22.04's
 * 3.37.2, the first to read STRICT tables, which every table here is).
 *
 * SQLite keeps a trigger as the text it was created with and parses every trigger of the schema
 * whenever it opens the file: one that an older SQLite cannot parse makes the whole schema
 * "malformed" for it (`UPDATE ... AS alias` in migration 7 stopped the 3.40 shell at once). This
 * migration writes again, in SQL that SQLite 3.31 reads (011_portable_triggers_sql.ts lists what
 * changed), every trigger of migrations 7 to 10 that used something newer: 30 of the 45. What they
 * do is unchanged: the summaries they keep are the same row for row (test/unit/migration-011.test.ts).
 */

const OFFER_ANSWERS_OF = (callId: string) =>
  orderedAggregate({
    aggregate: 'group_concat(offer_id || char(31) || answer, char(30))',
    columns: 'offer_id, answer',
    from: 'call_offers',
    where: `call_id = ${callId}`,
    orderBy: 'offer_id',
  });

/** Migration 10's triggers of calls.offer_answers. */
const CALL_EXPORT_TRIGGERS: Record<string, string> = {
  call_offer_answers_insert: `CREATE TRIGGER call_offer_answers_insert AFTER INSERT ON call_offers BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('new.call_id')} WHERE id = new.call_id;
END`,
  call_offer_answers_update: `CREATE TRIGGER call_offer_answers_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('calls.id')} WHERE id IN (old.call_id, new.call_id);
END`,
  call_offer_answers_delete: `CREATE TRIGGER call_offer_answers_delete AFTER DELETE ON call_offers BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('old.call_id')} WHERE id = old.call_id;
END`,
};

/** Every trigger this migration writes again, by name. */
export const PORTABLE_TRIGGERS: Readonly<Record<string, string>> = { ...REASONS_TRIGGERS, ...RECOVERY_TRIGGERS, ...CALL_EXPORT_TRIGGERS };

export const migration011PortableTriggers: Migration = {
  version: 11,
  name: 'triggers that SQLite 3.31 and later read',
  up: Object.entries(PORTABLE_TRIGGERS)
    .map(([name, sql]) => `DROP TRIGGER ${name};\n${sql};`)
    .join('\n\n'),
};
