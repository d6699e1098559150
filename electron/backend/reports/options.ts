import type { ReportOptions } from '../../../shared/api/reports';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { listCycles } from '../../../db/repos/cycles';
import { customerFilterValues, listReasonLabels } from '../../../db/repos/reportsLookups';
import { scopeOf } from './scope';

/** What the Trends filters offer, and whether the person sees everything or their own calls. */
export function buildReportOptions(db: Db, user: Person | null): ReportOptions {
  const categories: ReportOptions['categories'] = [];
  for (const r of listReasonLabels(db)) {
    let category = categories.at(-1);
    if (category?.id !== r.categoryId) {
      category = { id: r.categoryId, name: r.categoryName, retired: r.categoryRetired, reasons: [] };
      categories.push(category);
    }
    category.reasons.push({ id: r.id, name: r.name, retired: r.retired });
  }
  return {
    scope: scopeOf(user),
    cycles: listCycles(db).map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn })),
    ...customerFilterValues(db),
    categories,
  };
}
