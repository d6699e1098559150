import type { ServiceDeps } from '../types';
import { listReasonChoices, listUnmappedTexts, mapReasonText, reasonExists } from '../../../db/repos/unmappedReasons';
import { prepareEnqueueEvent } from '../../../db/repos/outbox';
import { refreshSelection } from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';
import { appError } from '../i18n/errors';

interface DepartedRow {
  external_id: string;
  cycle_name: string | null;
  departed_at: string | null;
  stated_reason_text: string | null;
  monthly_revenue: number | null;
  segment: string | null;
  product: string | null;
  frontline_team: string | null;
}

/** The stated-reason texts of imports that no reason of the taxonomy matches yet, and the reasons to map them to. */
export function unmappedStatedReasons(deps: ServiceDeps) {
  return { texts: listUnmappedTexts(deps.db), reasons: listReasonChoices(deps.db) };
}

/**
 * Maps a stated-reason text to a reason from now on (later imports too) and for every customer
 * who already left with it. The hub hears of each change so org-wide reports follow.
 */
export function mapStatedReasonText(deps: ServiceDeps, input: { text: string; reasonId: string }, actorId: string): { customers: number } {
  const { db } = deps;
  if (!reasonExists(db, input.reasonId))
    throw appError('not_found', 'taxonomy.reasonGone');
  const now = deps.now().toISOString();
  const categoryId = db.prepare('SELECT category_id FROM reasons WHERE id = ?').pluck().get(input.reasonId) as string;
  let customers = 0;
  db.transaction(() => {
    const ids = mapReasonText(db, input.text, input.reasonId, now);
    const read = db.prepare(
      `SELECT c.external_id, cy.name AS cycle_name, c.departed_at, c.stated_reason_text, c.monthly_revenue, c.segment, c.product,
        c.frontline_team FROM customers c LEFT JOIN cycles cy ON cy.id = c.cycle_id WHERE c.id = ?`,
    );
    const enqueue = prepareEnqueueEvent(db);
    for (const id of ids) {
      const c = read.get(id) as DepartedRow;
      enqueue(
        'customer.departed',
        {
          externalId: c.external_id,
          cycle: c.cycle_name,
          departedAt: c.departed_at,
          statedReasonText: c.stated_reason_text,
          statedReasonId: input.reasonId,
          statedCategoryId: categoryId,
          monthlyRevenue: c.monthly_revenue,
          segment: c.segment,
          product: c.product,
          frontlineTeam: c.frontline_team,
        },
        now,
      );
    }
    customers = ids.length;
    // A reason can make customers unrecoverable (or recoverable): the queue follows at once.
    refreshSelection(db, now.slice(0, 10));
    audit(db, {
      at: now,
      actorId,
      action: 'reasons.mapText',
      entity: 'reason_phrases',
      detail: { reasonId: input.reasonId, customers },
    });
  })();
  return { customers };
}
