import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { OfferType } from '../../shared/domain/offers';

/** The playbook: offers (a way back) and the rules that propose them. */
export interface OfferRow {
  id: string;
  name: string;
  type: OfferType;
  talking_points: string;
  percent: number | null;
  duration_months: number | null;
  generates_code: number;
  product: string | null;
  retired_at: string | null;
}

export interface OfferRuleRow {
  id: string;
  priority: number;
  category_id: string | null;
  reason_id: string | null;
  product: string | null;
  segment: string | null;
  min_revenue: number | null;
  max_revenue: number | null;
  offer_id: string;
}

export interface OfferWrite {
  id: string;
  name: string;
  type: OfferType;
  talkingPoints: string;
  percent: number | null;
  durationMonths: number | null;
  generatesCode: boolean;
  product: string | null;
}

export interface RuleWrite {
  id: string;
  priority: number;
  categoryId: string | null;
  reasonId: string | null;
  product: string | null;
  segment: string | null;
  minRevenue: number | null;
  maxRevenue: number | null;
  offerId: string;
}

export function listOffers(db: Db): OfferRow[] {
  return prepared(db, 'SELECT * FROM offers ORDER BY retired_at IS NOT NULL, name').all() as OfferRow[];
}

export function getOffer(db: Db, id: string): OfferRow | undefined {
  return prepared(db, 'SELECT * FROM offers WHERE id = ?').get(id) as OfferRow | undefined;
}

export function offerIdTaken(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM offers WHERE id = ?').get(id) !== undefined;
}

export function insertOffer(db: Db, o: OfferWrite): void {
  prepared(
    db,
    `INSERT INTO offers (id, name, type, talking_points, percent, duration_months, generates_code, product)
     VALUES (@id, @name, @type, @talkingPoints, @percent, @durationMonths, @generatesCode, @product)`,
  ).run({ ...o, generatesCode: o.generatesCode ? 1 : 0 });
}

export function updateOffer(db: Db, o: OfferWrite): void {
  expectOneRow(
    prepared(
      db,
      `UPDATE offers SET name = @name, type = @type, talking_points = @talkingPoints, percent = @percent,
         duration_months = @durationMonths, generates_code = @generatesCode, product = @product WHERE id = @id`,
    ).run({ ...o, generatesCode: o.generatesCode ? 1 : 0 }),
    'updateOffer',
  );
}

export function setOfferRetired(db: Db, id: string, retiredAt: string | null): void {
  expectOneRow(
    prepared(db, 'UPDATE offers SET retired_at = ? WHERE id = ?').run(retiredAt, id),
    'setOfferRetired',
  );
}

export function listRules(db: Db): OfferRuleRow[] {
  return prepared(db, 'SELECT * FROM offer_rules ORDER BY priority, id').all() as OfferRuleRow[];
}

export function getRule(db: Db, id: string): OfferRuleRow | undefined {
  return prepared(db, 'SELECT * FROM offer_rules WHERE id = ?').get(id) as OfferRuleRow | undefined;
}

export function insertRule(db: Db, r: RuleWrite): void {
  prepared(
    db,
    `INSERT INTO offer_rules (id, priority, category_id, reason_id, product, segment, min_revenue, max_revenue, offer_id)
     VALUES (@id, @priority, @categoryId, @reasonId, @product, @segment, @minRevenue, @maxRevenue, @offerId)`,
  ).run(r);
}

export function updateRule(db: Db, r: RuleWrite): void {
  expectOneRow(
    prepared(
      db,
      `UPDATE offer_rules SET priority = @priority, category_id = @categoryId, reason_id = @reasonId, product = @product,
         segment = @segment, min_revenue = @minRevenue, max_revenue = @maxRevenue, offer_id = @offerId WHERE id = @id`,
    ).run(r),
    'updateRule',
  );
}

export function deleteRule(db: Db, id: string): void {
  expectOneRow(
    prepared(db, 'DELETE FROM offer_rules WHERE id = ?').run(id),
    'deleteRule',
  );
}
