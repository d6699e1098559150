import { buildEffectReport, type EffectReport } from '../../../shared/reports/effect';
import { buildOfferEconomicsFromCells, type OfferEconomicsReport } from '../../../shared/reports/offerEconomics';
import { buildHandleTimeReport, type HandleTimeReport } from '../../../shared/reports/handleTime';
import type { Db } from '../../../db/open';
import { findCycleIdByIdOrName } from '../../../db/repos/reportsLookups';
import { getCycle } from '../../../db/repos/cycles';
import { effectCells, experimentCells, listControls } from '../../../db/repos/effect';
import { handleTimeCells } from '../../../db/repos/effectReports';
import { listOffers } from '../../../db/repos/offers';
import { guidanceExperimentCells } from './guidance';
import { appError } from '../i18n/errors';
import { runReport } from '../reportWorkers/runner';
import type { Logger } from '../types';

/** A cycle by id or name; null for every cycle. */
function cycleOf(db: Db, cycle: string | undefined): { id: string; name: string } | null {
  if (cycle === undefined) return null;
  const id = findCycleIdByIdOrName(db, cycle);
  const found = id ? getCycle(db, id) : undefined;
  if (!found) throw appError('not_found', 'cycle.notFoundQuoted', { name: cycle });
  return { id: found.id, name: found.name };
}

export function effectReport(db: Db, filters: { cycle?: string | undefined }): EffectReport {
  const cycle = cycleOf(db, filters.cycle);
  const names = new Map(listOffers(db).map((o) => [o.id, o.name]));
  const controls = listControls(db)
    .filter((c) => c.share_percent > 0 && (cycle === null || c.cycle_id === cycle.id))
    .map((c) => ({ cycleId: c.cycle_id, cycle: c.cycle_name, sharePercent: c.share_percent }));
  return buildEffectReport(effectCells(db, cycle?.id ?? null), controls, experimentCells(db, (id) => names.get(id) ?? id), cycle?.name ?? null, guidanceExperimentCells(db));
}

/** On the report worker's slower lane (reportWorkers/runner.ts): over a year of calls it takes tens of milliseconds. */
export async function offerEconomicsReport(db: Db, filters: { cycle?: string | undefined }, log?: Logger): Promise<OfferEconomicsReport> {
  const cycle = cycleOf(db, filters.cycle);
  const { won, made } = await runReport(db, { kind: 'offerEconomics', cycleId: cycle?.id ?? null }, log);
  return buildOfferEconomicsFromCells(won, made, cycle?.name ?? null);
}

export function handleTimeReport(db: Db, filters: { cycle?: string | undefined }): HandleTimeReport {
  const cycle = cycleOf(db, filters.cycle);
  const { cells, untimed } = handleTimeCells(db, cycle?.id ?? null);
  return buildHandleTimeReport(cells, untimed, cycle?.name ?? null);
}
