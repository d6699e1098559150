/** Recovery cycles are calendar months or quarters, named the way managers say them. */
export type CycleKind = 'monthly' | 'quarterly';

export interface CyclePeriod {
  id: string;
  name: string;
  kind: CycleKind;
  startsOn: string;
  endsOn: string;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** The cycle a date (YYYY-MM-DD or ISO, read as UTC) falls in. */
export function cycleFor(date: string | Date, kind: CycleKind): CyclePeriod {
  const d = typeof date === 'string' ? new Date(date.length === 10 ? `${date}T00:00:00Z` : date) : date;
  const y = d.getUTCFullYear();
  const m0 = d.getUTCMonth();
  if (kind === 'monthly') {
    return {
      id: `${y}-${pad(m0 + 1)}`,
      name: `${MONTHS[m0]} ${y}`,
      kind,
      startsOn: `${y}-${pad(m0 + 1)}-01`,
      endsOn: `${y}-${pad(m0 + 1)}-${pad(lastDay(y, m0))}`,
    };
  }
  const q = Math.floor(m0 / 3);
  const endM0 = q * 3 + 2;
  return {
    id: `${y}-Q${q + 1}`,
    name: `Q${q + 1} ${y}`,
    kind,
    startsOn: `${y}-${pad(q * 3 + 1)}-01`,
    endsOn: `${y}-${pad(endM0 + 1)}-${pad(lastDay(y, endM0))}`,
  };
}
