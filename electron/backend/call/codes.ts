import { randomInt } from 'node:crypto';
import type { Db } from '../../../db/open';
import { offerCodeExists } from '../../../db/repos/calls';
import { outreachCodeExists } from '../../../db/repos/outreach';

/** No 0/O or 1/I: codes are read out on the phone and typed by the customer. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomBlock(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * A single-use offer code, unique across every call and outreach message on this console (both
 * columns are UNIQUE too).
 * 32^8 possibilities make a clash vanishingly rare; the loop only makes it impossible.
 */
export function newOfferCode(db: Db): string {
  for (;;) {
    const code = `WB-${randomBlock(4)}-${randomBlock(4)}`;
    if (!offerCodeExists(db, code) && !outreachCodeExists(db, code)) return code;
  }
}
