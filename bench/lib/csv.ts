import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ImportMapping } from '../../shared/domain/importMapping';
import { PRODUCTS, SEGMENTS, seededRandom } from './fixtures';

/** Stated reasons as departure exports spell them: most known to the taxonomy, some not. */
const REASONS = [
  'Competitor made better offer',
  'Price too high',
  'Attitude of support person',
  'Network reliability',
  'Moved',
  "Don't know",
  'Extra data charges',
  'Product dissatisfaction',
  'Service dissatisfaction',
  'Competitor offered more data',
  'Billing was confusing',
  'Found a cheaper bundle elsewhere',
  '',
];
const ZONES = ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'America/Denver', ''];

export const DEPARTURES_HEADER =
  'Customer ID,Name,Phone,Email,Time Zone,Contract,Internet Service,Monthly Charges,Tenure Months,Churn Date,Churn Reason,Frontline Rep,Frontline Team';

/** How the console reads the file below: every column of it. */
export const DEPARTURES_MAPPING: ImportMapping = {
  columns: {
    externalId: 'Customer ID',
    name: 'Name',
    phone: 'Phone',
    email: 'Email',
    timezone: 'Time Zone',
    segment: 'Contract',
    product: 'Internet Service',
    monthlyRevenue: 'Monthly Charges',
    tenureMonths: 'Tenure Months',
    departedAt: 'Churn Date',
    statedReason: 'Churn Reason',
    frontlineRep: 'Frontline Rep',
    frontlineTeam: 'Frontline Team',
  },
};

/**
 * Writes a departure export of `rows` customers, shaped like a CRM's: quoted names with commas,
 * blank time zones and reasons, 3% without a phone, and one row in a thousand that the importer
 * must refuse (a price that is not a number, a date that does not exist). Names and phones are
 * plainly fictional. Returns how many rows are invalid.
 */
export async function writeDeparturesCsv(path: string, rows: number, today: Date, seed = 7): Promise<{ invalid: number }> {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out = createWriteStream(path, { encoding: 'utf8' });
  let invalid = 0;
  let chunk = `${DEPARTURES_HEADER}\n`;
  for (let i = 0; i < rows; i += 1) {
    const departed = new Date(today.getTime() - Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10);
    const bad = rnd() < 0.001;
    if (bad) invalid += 1;
    const charges = bad && i % 2 === 0 ? 'n/a' : (18 + rnd() * 100).toFixed(2);
    const date = bad && i % 2 === 1 ? '2026-02-30' : departed;
    const name = rnd() < 0.02 ? `"Customer ${i}, Jr. (fictional)"` : `Customer ${i} (fictional)`;
    const phone = rnd() < 0.03 ? '' : `+1 555-01${String(i % 100).padStart(2, '0')}`;
    const email = rnd() < 0.2 ? `customer${i}@example.invalid` : '';
    chunk += `DEP-${String(i).padStart(7, '0')},${name},${phone},${email},${pick(ZONES)},${pick(SEGMENTS)},${pick(PRODUCTS)},${charges},${Math.floor(rnd() * 72)},${date},${pick(REASONS)},Rep ${i % 40},Team ${i % 6}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { invalid };
}
