import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';

/**
 * The manager passphrase of a desk: what lets a person at the desk take the manager role (or a role
 * the desk has not been given) without a manager present. Kept only as a slow hash (scrypt), so a
 * copy of the database or a backup gives nobody the passphrase; it is never logged nor audited.
 */
export const PASSPHRASE_KEY = 'session.managerPassphrase';

/**
 * scrypt's cost: N = 2^15, r = 8 (32 MiB), about 120 ms a try on this project's two-core test machine.
 * N, r and p travel inside each hash, so a later release can raise them without breaking old hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

function derive(passphrase: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassphrase(passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function passphraseMatches(passphrase: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await derive(passphrase, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export function hasManagerPassphrase(db: Db): boolean {
  return typeof getSetting<string>(db, PASSPHRASE_KEY) === 'string';
}

/** Stores an already derived hash (set-up derives it before its transaction). */
export function storePassphraseHash(db: Db, hash: string): void {
  setSetting(db, PASSPHRASE_KEY, hash);
}

export async function managerPassphraseMatches(db: Db, passphrase: string): Promise<boolean> {
  const stored = getSetting<string>(db, PASSPHRASE_KEY);
  return typeof stored === 'string' && (await passphraseMatches(passphrase, stored));
}
