import type { AssignmentPreview } from '../../../shared/api/assignmentPreview';
import { countAssigned, getAssignable } from '../../../db/repos/assignment';
import { getPerson } from '../../../db/repos/people';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import type { HandlerGroup, ServiceDeps } from '../types';

/**
 * Before customers are assigned by hand: whose they are now. Taking three from an executive's
 * picks leaves them "7 of 10"; the manager is told so, by name, before anything moves.
 */
export function previewAssignment(deps: ServiceDeps, input: { customerIds: number[]; personId: string | null }): AssignmentPreview {
  const rows = getAssignable(deps.db, input.customerIds).filter((r) => r.assigned_to !== input.personId);
  const byOwner = new Map<string, { count: number; cycles: Set<string | null> }>();
  for (const r of rows) {
    if (r.assigned_to === null) continue;
    const o = byOwner.get(r.assigned_to) ?? { count: 0, cycles: new Set<string | null>() };
    o.count += 1;
    o.cycles.add(r.cycle_id);
    byOwner.set(r.assigned_to, o);
  }
  const cap = readQueueSettings(deps.db).executiveCap;
  const takenFrom: AssignmentPreview['takenFrom'] = [];
  for (const [personId, o] of byOwner) {
    const person = getPerson(deps.db, personId);
    if (!person) continue;
    const before = [...o.cycles].reduce((n, c) => n + countAssigned(deps.db, personId, c), 0);
    takenFrom.push({
      personId,
      name: person.name,
      role: person.role,
      count: o.count,
      before,
      after: before - o.count,
      cap: person.role === 'executive' ? cap * o.cycles.size : null,
    });
  }
  return { moving: rows.length, takenFrom: takenFrom.sort((a, b) => a.name.localeCompare(b.name)) };
}

export const assignmentPreviewHandlers: HandlerGroup<'assignment.preview'> = {
  'assignment.preview': (deps, input) => previewAssignment(deps, input),
};
