import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../shared/domain/roles';
import type { HubStore } from './store/connect';

/**
 * Hub tokens. A token is 32 random bytes shown once; the hub keeps only its SHA-256, so a copy of
 * the store gives nobody a working token. A high-entropy secret needs no slow hash: there is
 * nothing to guess.
 */
export const TOKEN_PREFIX = 'wbh_';

export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function validTokenName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new TokenError('Give the token a name: the person (or console) it belongs to.');
  if (trimmed.length > 200) throw new TokenError('A token name is at most 200 characters.');
  return trimmed;
}

/** Creates a token for a person and returns it; it cannot be shown again. */
export async function createToken(store: HubStore, input: { name: string; role: Role }, now: Date): Promise<string> {
  const name = validTokenName(input.name);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const live = await store.db
    .selectFrom('tokens')
    .select('id')
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (live) throw new TokenError(`There is already a live token named "${name}". Revoke it first (hub token revoke "${name}").`);
  try {
    await store.db
      .insertInto('tokens')
      .values({
        id: randomUUID(),
        name,
        role: input.role,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  } catch (error) {
    // Two creations of the same name at once: the unique index lets one through.
    const message = error instanceof Error ? error.message : '';
    if (/unique/i.test(message)) throw new TokenError(`There is already a live token named "${name}".`);
    throw error;
  }
  return token;
}

export async function listTokens(store: HubStore): Promise<TokenInfo[]> {
  const rows = await store.db
    .selectFrom('tokens')
    .select(['name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('name')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes the live token with this name; returns false when there is none. */
export async function revokeToken(store: HubStore, name: string, now: Date): Promise<boolean> {
  const result = await store.db
    .updateTable('tokens')
    .set({ revoked_at: now.toISOString() })
    .where('name', '=', name.trim())
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface Caller {
  name: string;
  role: Role;
}

/**
 * The live token's owner, or null. `last_used_at` is written at most once a minute per token so
 * a busy console does not turn every read into a write.
 */
export async function authenticate(store: HubStore, token: string, now: Date): Promise<Caller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await store.db
    .selectFrom('tokens')
    .select(['id', 'name', 'role', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const stamp = now.toISOString();
  if (row.last_used_at === null || row.last_used_at.slice(0, 16) !== stamp.slice(0, 16)) {
    await store.db.updateTable('tokens').set({ last_used_at: stamp }).where('id', '=', row.id).execute();
  }
  return { name: row.name, role: row.role };
}

export async function liveTokenNames(store: HubStore, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await store.db
    .selectFrom('tokens')
    .select('name')
    .where('name', 'in', [...names])
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.name));
}
