import { z } from 'zod';
import { channel } from './channel';
import { PERMISSION_KINDS, PERMISSION_SCOPES, PERMISSION_SOURCES } from '../domain/permissions';

const manager = ['manager'] as const;
const isoInstant = z.string().datetime({ offset: true, message: 'errors.input.instant' });

export const ContactBlockSchema = z.object({
  scope: z.enum(PERMISSION_SCOPES),
  source: z.enum(PERMISSION_SOURCES),
  since: z.string(),
  by: z.string(),
  expiresAt: z.string().nullable(),
});

export const LedgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(PERMISSION_KINDS),
  value: z.string(),
  scope: z.enum(PERMISSION_SCOPES),
  source: z.enum(['customer', 'manager']),
  note: z.string().nullable(),
  addedAt: z.string(),
  addedBy: z.string(),
  expiresAt: z.string().nullable(),
  expiredAt: z.string().nullable(),
  expiredBy: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerListSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(PERMISSION_SCOPES),
  registry: z.boolean(),
  size: z.number().int(),
  addedAt: z.string(),
  addedBy: z.string(),
  expiresAt: z.string().nullable(),
  expiredAt: z.string().nullable(),
  expiredBy: z.string().nullable(),
});
export type LedgerList = z.infer<typeof LedgerListSchema>;

export const LedgerSchema = z.object({
  entries: z.array(LedgerEntrySchema),
  lists: z.array(LedgerListSchema),
  /** Lists holding the searched value, by id. */
  listsMatching: z.array(z.string()),
  counts: z.object({ active: z.number().int(), expired: z.number().int(), lists: z.number().int(), listValues: z.number().int() }),
  /** The desk's country, for national numbers. */
  country: z.string().nullable(),
  /** The established-relationship window for registry lists, in months; null when off. */
  relationshipMonths: z.number().int().nullable(),
  /** When the ledger last heard from the hub; null when never (or no hub). */
  syncedAt: z.string().nullable(),
  /** Changes made here that the hub has not acknowledged yet. */
  pending: z.number().int(),
});
export type Ledger = z.infer<typeof LedgerSchema>;

const value = z.string().trim().min(1, 'errors.input.giveValue').max(320);
const note = z.string().trim().max(500, 'errors.input.note500');

export const ImportListResultSchema = z.object({
  listId: z.string(),
  numbers: z.number().int(),
  duplicates: z.number().int(),
  customersBlocked: z.number().int(),
});

/** At most this much text travels in one call: a million numbers a line is about 14 MB. */
export const MAX_LIST_CHARS = 40 * 1024 * 1024;

/** The contact-permission ledger: managers read and change it; everyone asks what blocks a customer. */
export const permissionsChannels = {
  'permissions.ledger': channel({
    input: z.object({ search: z.string().trim().max(320).optional(), includeExpired: z.boolean().default(false) }).strict(),
    output: LedgerSchema,
    roles: manager,
  }),
  'permissions.add': channel({
    input: z
      .object({
        kind: z.enum(PERMISSION_KINDS),
        value,
        scope: z.enum(PERMISSION_SCOPES),
        note: note.optional(),
        expiresAt: isoInstant.optional(),
      })
      .strict(),
    output: LedgerEntrySchema,
    roles: manager,
  }),
  'permissions.expire': channel({
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ expired: z.enum(['entry', 'list']) }),
    roles: manager,
  }),
  'permissions.importList': channel({
    input: z
      .object({
        name: z.string().trim().min(1, 'errors.input.nameList').max(200),
        scope: z.enum(PERMISSION_SCOPES),
        registry: z.boolean().default(false),
        column: z.string().trim().min(1).max(200).optional(),
        country: z.string().regex(/^[A-Z]{2}$/, 'errors.input.country').optional(),
        expiresAt: isoInstant.optional(),
        text: z.string().min(1, 'errors.input.listEmpty').max(MAX_LIST_CHARS, 'errors.input.listTooLarge'),
      })
      .strict(),
    output: ImportListResultSchema,
    roles: manager,
  }),
  'permissions.settings.set': channel({
    input: z
      .object({
        country: z.string().regex(/^[A-Z]{2}$/, 'errors.input.country').nullable(),
        /** The established-relationship window for registry lists, in months; null turns it off. */
        relationshipMonths: z.number().int().min(1, 'errors.input.oneMonth').max(120, 'errors.input.months120').nullable().optional(),
      })
      .strict(),
    output: z.object({ country: z.string().nullable(), relationshipMonths: z.number().int().nullable() }),
    roles: manager,
  }),
  /** What keeps this customer from being called or emailed, from the ledger; null where nothing does. */
  'permissions.customer': channel({
    input: z.object({ customerId: z.number().int().positive() }).strict(),
    output: z.object({ call: ContactBlockSchema.nullable(), email: ContactBlockSchema.nullable() }),
  }),
};
