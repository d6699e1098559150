import { z } from 'zod';
import { PERMISSION_KINDS, PERMISSION_SCOPES } from '../domain/permissions';
import { HASHED_KEY_PATTERN } from '../domain/erasure';

/**
 * The contact-permission ledger between desks and the hub: each desk sends its ledger's changes
 * in order, the hub keeps them once each (by uid) in the order it received them, and every desk
 * pulls what it has not seen yet by cursor. The hub is a relay with a memory: it never merges, and
 * a desk applying a change it already has changes nothing.
 */
export const MAX_LIST_VALUES_PER_CHANGE = 5000;
export const MAX_CHANGES_PER_PUSH = 20;
export const MAX_CHANGES_PER_PULL = 20;

const uid = z.string().min(1).max(100);
const at = z.string().min(10).max(40);
const who = z.string().min(1).max(200);
/** E.164, an email address as keyed, or a customer id. */
const value = z.string().min(1).max(320);
const hashed = z.string().regex(HASHED_KEY_PATTERN, 'a hashed key: sha256: and 64 hexadecimal characters');

export const PermissionChange = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('entry'),
      uid,
      kind: z.enum(PERMISSION_KINDS),
      value,
      scope: z.enum(PERMISSION_SCOPES),
      source: z.enum(['customer', 'manager']),
      note: z.string().max(500).nullable(),
      addedAt: at,
      addedBy: who,
      expiresAt: at.nullable(),
    })
    .strict(),
  z.object({ type: z.literal('entry.expired'), uid, entryUid: uid, expiredAt: at, expiredBy: who }).strict(),
  z
    .object({
      type: z.literal('list'),
      uid,
      name: z.string().min(1).max(200),
      scope: z.enum(PERMISSION_SCOPES),
      registry: z.boolean(),
      size: z.number().int().min(0),
      addedAt: at,
      addedBy: who,
      expiresAt: at.nullable(),
    })
    .strict(),
  z.object({ type: z.literal('list.values'), uid, listUid: uid, values: z.array(value).min(1).max(MAX_LIST_VALUES_PER_CHANGE) }).strict(),
  z.object({ type: z.literal('list.expired'), uid, listUid: uid, expiredAt: at, expiredBy: who }).strict(),
  /**
   * A customer erased on a desk (by hand or by retention): only one-way hashes of their id, number
   * and email travel. The hub removes what it holds of them, and every desk that pulls this erases
   * them too if it holds them (shared/domain/erasure.ts).
   */
  z
    .object({
      type: z.literal('erasure'),
      uid,
      idHash: hashed,
      phoneHash: hashed.nullable(),
      emailHash: hashed.nullable(),
      erasedAt: at,
      erasedBy: who,
    })
    .strict(),
]);
export type PermissionChange = z.infer<typeof PermissionChange>;

/** Changes only a manager's token may send: everything but an entry the customer asked for on a call (an erasure included). */
export function needsManager(change: PermissionChange): boolean {
  return !(change.type === 'entry' && change.source === 'customer');
}

export const PushPermissionsRequest = z.object({ changes: z.array(PermissionChange).min(1).max(MAX_CHANGES_PER_PUSH) }).strict();
export type PushPermissionsRequest = z.infer<typeof PushPermissionsRequest>;

export const PushPermissionsResponse = z.object({ accepted: z.number().int(), duplicate: z.number().int() });
export type PushPermissionsResponse = z.infer<typeof PushPermissionsResponse>;

export const PullPermissionsResponse = z.object({
  changes: z.array(z.object({ rid: z.number().int(), change: PermissionChange })),
  /** The cursor to pull after next time. */
  next: z.number().int(),
});
export type PullPermissionsResponse = z.infer<typeof PullPermissionsResponse>;
