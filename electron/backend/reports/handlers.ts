import type { HandlerGroup } from '../types';
import { keptAnswer } from './answerCache';
import { buildReportOptions } from './options';
import { buildReasonsReport } from './reasons';
import { buildAgreement, buildOfferMatrix, buildRecoveryReport } from './recovery';
import { gatherTrendsReport, renderTrendsPdf } from './trendsPdf';

/** A file name a person recognises in their downloads folder. */
export function trendsPdfFileName(cycleName: string, now: Date): string {
  const slug = cycleName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'all-cycles';
  return `winback-trends-${slug}-${now.toISOString().slice(0, 10)}.pdf`;
}

export const reportHandlers: HandlerGroup<
  'reports.options' | 'reports.reasons' | 'reports.recovery' | 'reports.offerMatrix' | 'reports.agreement' | 'reports.trendsPdf'
> = {
  // Kept while the database is unchanged (answerCache.ts): Trends asks the same again on each opening.
  'reports.options': (deps, input, ctx) => keptAnswer(deps.db, 'options', input, ctx.user, () => buildReportOptions(deps.db, ctx.user)),
  'reports.reasons': (deps, input, ctx) => keptAnswer(deps.db, 'reasons', input, ctx.user, () => buildReasonsReport(deps.db, input, ctx.user, deps.log)),
  'reports.recovery': (deps, input, ctx) => keptAnswer(deps.db, 'recovery', input, ctx.user, () => buildRecoveryReport(deps.db, input, ctx.user, deps.log)),
  'reports.offerMatrix': (deps, input, ctx) => keptAnswer(deps.db, 'offerMatrix', input, ctx.user, () => buildOfferMatrix(deps.db, input, ctx.user, deps.log)),
  'reports.agreement': (deps, input, ctx) => keptAnswer(deps.db, 'agreement', input, ctx.user, () => buildAgreement(deps.db, input, ctx.user, deps.log)),
  'reports.trendsPdf': async (deps, input, ctx) => {
    const now = deps.now();
    const data = await gatherTrendsReport(deps.db, input, ctx.user, now, deps.log);
    const pdf = await renderTrendsPdf(data);
    return { fileName: trendsPdfFileName(data.cycleName, now), base64: pdf.toString('base64') };
  },
};
