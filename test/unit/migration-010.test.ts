import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { CALL_EXPORT_COLUMNS_DERIVATION } from '../../db/migrations/010_call_export_columns';
import { openDatabase, type Db } from '../../db/open';
import { deleteCallReasons, insertCallReason, upsertCallOffer } from '../../db/repos/calls';
import { tempDir } from '../helpers/backend';
import { addCustomer, addPerson, insertCall } from '../helpers/calls';
import { seedScenario } from '../helpers/scenario';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const kept = (db: Database.Database) => db.prepare('SELECT id AS call_id, offer_answers, primary_reason_id FROM calls ORDER BY id').all();
const derived = (db: Database.Database) => db.prepare(`${CALL_EXPORT_COLUMNS_DERIVATION} ORDER BY k.id`).all();

describe('migration 10: offer answers and primary reason kept on each call', () => {
  it('fills both for the calls already there, amended ones included', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = new Database(join(t.dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 10),
    );
    // Seven calls, K4 amended to two offers and another primary reason (test/helpers/scenario.ts).
    seedScenario(db);
    const before = db.pragma('user_version', { simple: true }) as number;
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 10))).toEqual({ from: before, to: 10 });

    expect(db.prepare("SELECT offer_answers, primary_reason_id FROM calls WHERE id = 'K4'").get()).toEqual({
      offer_answers: 'offer.cheaper-plan\u001fdeclined\u001eoffer.service-fix\u001faccepted',
      primary_reason_id: 'service.support-attitude',
    });
    expect(db.prepare("SELECT offer_answers, primary_reason_id FROM calls WHERE id = 'K2'").get()).toEqual({ offer_answers: null, primary_reason_id: null });
    expect(kept(db)).toEqual(derived(db));
    db.close();
  });

  it('stays equal to its derivation through any writes to offers and reasons', () => {
    const CALLS = ['K1', 'K2'] as const;
    const OFFERS = ['offer.loyalty-discount', 'offer.differentiators', 'offer.cheaper-plan'] as const;
    const ANSWERS = ['accepted', 'considering', 'declined', 'not_offered'] as const;
    const REASONS = ['price.too-expensive', 'price.extra-charges', 'competitor.better-offer'] as const;
    const call = fc.constantFrom(...CALLS);
    const step = fc.oneof(
      fc.record({ kind: fc.constant('offer' as const), call, offer: fc.constantFrom(...OFFERS), answer: fc.constantFrom(...ANSWERS) }),
      fc.record({ kind: fc.constant('drop offer' as const), call, offer: fc.constantFrom(...OFFERS) }),
      fc.record({ kind: fc.constant('drop offers' as const), call }),
      fc.record({ kind: fc.constant('move offer' as const), call, to: call, offer: fc.constantFrom(...OFFERS) }),
      fc.record({ kind: fc.constant('reasons' as const), call, primary: fc.constantFrom(...REASONS), secondary: fc.option(fc.constantFrom(...REASONS), { nil: null }) }),
      // Rows no screen writes today but the schema allows: a second primary, a flag flipped in place.
      fc.record({ kind: fc.constant('extra primary' as const), call, reason: fc.constantFrom(...REASONS) }),
      fc.record({ kind: fc.constant('flip' as const), call, reason: fc.constantFrom(...REASONS) }),
      fc.record({ kind: fc.constant('drop reasons' as const), call }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 40 }), (steps) => {
        const db: Db = openDatabase(':memory:');
        try {
          addPerson(db, 'p1', 'Sam Agent', 'agent');
          addCustomer(db, { externalId: 'C1' });
          CALLS.forEach((id, i) => insertCall(db, { id, customer: 'C1', callerId: 'p1', callerRole: 'agent', completedAt: `2026-11-0${i + 1}T10:00:00.000Z`, outcome: 'declined' }));
          for (const s of steps) {
            // Each step in a transaction of its own, as the services write them.
            db.transaction(() => {
              if (s.kind === 'offer') upsertCallOffer(db, s.call, s.offer, s.answer, null);
              else if (s.kind === 'drop offer') db.prepare('DELETE FROM call_offers WHERE call_id = ? AND offer_id = ?').run(s.call, s.offer);
              else if (s.kind === 'drop offers') db.prepare('DELETE FROM call_offers WHERE call_id = ?').run(s.call);
              else if (s.kind === 'move offer') db.prepare('UPDATE OR IGNORE call_offers SET call_id = ? WHERE call_id = ? AND offer_id = ?').run(s.to, s.call, s.offer);
              else if (s.kind === 'reasons') {
                deleteCallReasons(db, s.call);
                insertCallReason(db, s.call, s.primary, true);
                if (s.secondary && s.secondary !== s.primary) insertCallReason(db, s.call, s.secondary, false);
              } else if (s.kind === 'extra primary') db.prepare('INSERT OR IGNORE INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, 1)').run(s.call, s.reason);
              else if (s.kind === 'flip') db.prepare('UPDATE call_reasons SET is_primary = 1 - is_primary WHERE call_id = ? AND reason_id = ?').run(s.call, s.reason);
              else deleteCallReasons(db, s.call);
            })();
            expect(kept(db)).toEqual(derived(db));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 },
    );
    // 80 fresh databases: about 6 s alone, three times that on a busy two-core machine.
  }, 120_000);
});
