import { cycleFor, type CyclePeriod } from './cycles';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A cycle named the way a manager types it: "2026-11", "November 2026", "Nov 2026", "2026-Q4" or
 * "Q4 2026". Null when the text names no cycle.
 */
export function cycleFromName(text: string): CyclePeriod | null {
  const s = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^([a-z]+)\.? (\d{4})$/.exec(s);
  if (m) {
    const name = m[1] ?? '';
    const index = MONTHS.findIndex((full) => full === name || (name.length >= 3 && full.startsWith(name)));
    return index === -1 ? null : month(Number(m[2]), index + 1);
  }
  m = /^(\d{4})-?q([1-4])$/.exec(s) ?? null;
  if (m) return quarter(Number(m[1]), Number(m[2]));
  m = /^q([1-4]) (\d{4})$/.exec(s);
  if (m) return quarter(Number(m[2]), Number(m[1]));
  return null;
}

function month(year: number, m: number): CyclePeriod | null {
  if (m < 1 || m > 12 || year < 1900 || year > 9999) return null;
  return cycleFor(`${year}-${String(m).padStart(2, '0')}-01`, 'monthly');
}

function quarter(year: number, q: number): CyclePeriod | null {
  if (year < 1900 || year > 9999) return null;
  return cycleFor(`${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`, 'quarterly');
}
