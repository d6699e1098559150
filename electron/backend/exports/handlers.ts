import type { HandlerGroup } from '../types';
import { exportJobsFor } from './jobs';
import { currentLanguage } from '../i18n';

export const exportHandlers: HandlerGroup<'exports.start' | 'exports.status' | 'exports.read' | 'exports.discard'> = {
  'exports.start': (deps, input) => exportJobsFor(deps.db, deps.log).start(input.dataset, input.bom, deps.now(), currentLanguage()),
  'exports.status': (deps, input) => exportJobsFor(deps.db, deps.log).status(input.jobId),
  'exports.read': (deps, input) => exportJobsFor(deps.db, deps.log).read(input.jobId, input.offset),
  'exports.discard': (deps, input) => ({ discarded: exportJobsFor(deps.db, deps.log).discard(input.jobId) }),
};
