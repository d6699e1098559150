import type { Migration } from './types';

/**
 * Erasing a customer blocks every other customer on the same number or email (electron/backend/
 * privacy/erase.ts, blockSharedKeys). Without these indexes that was one pass over every customer
 * per erasure: at 100,000 customers and 1,000,000 calls one erasure took 481 ms, most of it there.
 * The email index is on the expression the erasure compares, so SQLite can use it as written.
 */
export const migration022CustomerContactKeys: Migration = {
  version: 22,
  name: 'customers found by their number key and email for erasure',
  up: `
CREATE INDEX customers_phone_key ON customers(phone_key);
CREATE INDEX customers_email_key ON customers(lower(trim(email)));
`,
};
