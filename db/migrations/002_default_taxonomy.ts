import type { Migration } from './types';
import { DEFAULT_REASON_PHRASES, DEFAULT_TAXONOMY } from '../../shared/domain/taxonomy';
import { DEFAULT_OFFERS, DEFAULT_OFFER_RULES } from '../../shared/domain/offers';

/** Seeds the default taxonomy and playbook so a new console can run a call at once. */
export const migration002DefaultTaxonomy: Migration = {
  version: 2,
  name: 'default taxonomy and playbook',
  up: (db) => {
    const category = db.prepare(
      'INSERT INTO reason_categories (id, name, approach, recoverable, sort) VALUES (?, ?, ?, ?, ?)',
    );
    const reason = db.prepare('INSERT INTO reasons (id, category_id, name, sort) VALUES (?, ?, ?, ?)');
    DEFAULT_TAXONOMY.forEach((c, ci) => {
      category.run(c.id, c.name, c.approach, c.recoverable ? 1 : 0, ci);
      c.reasons.forEach((r, ri) => reason.run(r.id, c.id, r.name, ri));
    });
    const phrase = db.prepare('INSERT INTO reason_phrases (phrase, reason_id) VALUES (?, ?)');
    for (const [text, reasonId] of Object.entries(DEFAULT_REASON_PHRASES)) phrase.run(text, reasonId);

    const offer = db.prepare(
      `INSERT INTO offers (id, name, type, talking_points, percent, duration_months, generates_code)
       VALUES (@id, @name, @type, @talkingPoints, @percent, @durationMonths, @generatesCode)`,
    );
    for (const o of DEFAULT_OFFERS) {
      offer.run({ ...o, percent: o.percent ?? null, durationMonths: o.durationMonths ?? null, generatesCode: o.generatesCode ? 1 : 0 });
    }
    const rule = db.prepare(
      `INSERT INTO offer_rules (id, priority, category_id, reason_id, product, segment, min_revenue, max_revenue, offer_id)
       VALUES (@id, @priority, @categoryId, @reasonId, @product, @segment, @minRevenue, @maxRevenue, @offerId)`,
    );
    for (const r of DEFAULT_OFFER_RULES) {
      rule.run({
        id: r.id,
        priority: r.priority,
        categoryId: r.categoryId ?? null,
        reasonId: r.reasonId ?? null,
        product: r.product ?? null,
        segment: r.segment ?? null,
        minRevenue: r.minRevenue ?? null,
        maxRevenue: r.maxRevenue ?? null,
        offerId: r.offerId,
      });
    }
  },
};
