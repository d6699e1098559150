import { createWriteStream } from 'node:fs';

const SEGMENTS = ['Month-to-month', 'One year', 'Two year'];
const PRODUCTS = ['DSL', 'Fiber optic', 'No internet'];
const REASONS = [
  'Price too high',
  'Competitor made better offer',
  'Moved',
  'Network reliability',
  "Don't know",
  'Deceased',
  'Billing mix-up',
];
const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo', ''];

/**
 * Writes a synthetic export of `count` departed customers (fictional names, 555 numbers, a tenth
 * without contact details), streamed, for benchmarks and large-file tests.
 */
export async function writeDepartedCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write('Customer ID,Name,Phone,Email,Time Zone,Contract,Product,Monthly Charges,Churn Date,Churn Reason\n');
  for (let i = 0; i < count; i += 1) {
    const contact = i % 10 !== 0;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 3) + 9).padStart(2, '0');
    await write(
      [
        `C${String(i).padStart(7, '0')}`,
        `"Customer ${i}, Example"`,
        contact ? `+1 555-01${String(i % 100).padStart(2, '0')}` : '',
        contact && i % 3 === 0 ? `c${i}@example.test` : '',
        ZONES[i % ZONES.length],
        SEGMENTS[i % SEGMENTS.length],
        PRODUCTS[(i >> 2) % PRODUCTS.length],
        (((i * 7919) % 11000) / 100 + 10).toFixed(2),
        `2026-${month}-${day}`,
        REASONS[i % REASONS.length],
      ].join(',') + '\n',
    );
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
