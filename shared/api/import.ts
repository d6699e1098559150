import { z } from 'zod';
import { channel } from './channel';
import { ImportMappingSchema } from '../domain/importMapping';
import { SaidSchema } from '../i18n/saidSchema';

/** The browser transport cannot read paths: the file travels in base64 chunks of this size at most. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export const RowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  /** In English; `said` is the same by key, for the preview in the manager's language. */
  message: z.string(),
  said: SaidSchema.optional(),
});
export type ImportRowError = z.infer<typeof RowErrorSchema>;

export const SavedMappingSchema = z.object({ name: z.string(), mapping: ImportMappingSchema });

export const ImportPreviewSchema = z.object({
  encoding: z.enum(['utf8', 'windows-1252']),
  separator: z.enum([',', ';']),
  newCount: z.number().int(),
  updatedCount: z.number().int(),
  skipped: z.number().int(),
  /** Of the skipped rows, those whose status column says the customer is still active. */
  active: z.number().int(),
  invalid: z.number().int(),
  noContact: z.number().int(),
  unmapped: z.array(z.object({ text: z.string(), customers: z.number().int() })),
  /** How dates written with slashes (03/04/2026) are read; format null with slashed true: the manager must choose. */
  dates: z.object({
    slashed: z.boolean(),
    format: z.enum(['dmy', 'mdy']).nullable(),
    chosen: z.boolean(),
    example: z.object({ line: z.number().int(), column: z.string(), value: z.string() }).nullable(),
  }),
  /** What the manager should know before writing (no revenue column, active rows left out, revenue such as "1.234" that reads two ways); nothing is refused for it. */
  warnings: z.array(SaidSchema),
  /** The first errors; `invalid` counts every invalid row. */
  errors: z.array(RowErrorSchema),
  cycles: z.array(z.object({ id: z.string(), name: z.string(), customers: z.number().int() })),
  /** A problem with the file as a whole; nothing can be imported while it is set. */
  fileError: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  noContact: z.number().int(),
  unmapped: z.number().int(),
  /** Imported and counted, but kept out of every queue by the contact-permission ledger. */
  suppressed: z.number().int(),
  selected: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportProgressSchema = z.object({
  phase: z.enum(['uploading', 'uploaded', 'reading', 'read', 'writing', 'done']),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

const uploadId = z.string().uuid();
const manager = ['manager'] as const;

export const importChannels = {
  'import.begin': channel({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        size: z
          .number()
          .int()
          .min(1, 'errors.input.fileEmpty')
          .max(
            MAX_IMPORT_BYTES,
            `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; import it with \`winback import\` instead.`,
          ),
      })
      .strict(),
    output: z.object({ uploadId, chunkBytes: z.number().int() }),
    roles: manager,
  }),
  'import.chunk': channel({
    input: z
      .object({
        uploadId,
        offset: z.number().int().min(0),
        // base64 of at most IMPORT_CHUNK_BYTES bytes
        data: z
          .string()
          .min(1)
          .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    output: z.object({ received: z.number().int() }),
    roles: manager,
  }),
  'import.inspect': channel({
    input: z.object({ uploadId }).strict(),
    output: z.object({
      headers: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      encoding: z.enum(['utf8', 'windows-1252']),
      separator: z.enum([',', ';']),
      proposed: ImportMappingSchema,
      saved: z.array(SavedMappingSchema),
    }),
    roles: manager,
  }),
  'import.preview': channel({
    input: z.object({ uploadId, mapping: ImportMappingSchema, cycle: z.string().max(40).optional() }).strict(),
    output: ImportPreviewSchema,
    roles: manager,
  }),
  'import.progress': channel({ input: z.object({ uploadId }).strict(), output: ImportProgressSchema, roles: manager }),
  'import.commit': channel({
    input: z.object({ uploadId, skipInvalid: z.boolean() }).strict(),
    output: ImportResultSchema,
    roles: manager,
  }),
  'import.discard': channel({ input: z.object({ uploadId }).strict(), output: z.object({}), roles: manager }),
  'import.mappings.list': channel({ input: z.object({}).strict(), output: z.array(SavedMappingSchema), roles: manager }),
  'import.mappings.save': channel({
    input: z.object({ name: z.string().trim().min(1, 'errors.input.nameMapping').max(80), mapping: ImportMappingSchema }).strict(),
    output: z.array(SavedMappingSchema),
    roles: manager,
  }),
  'import.history': channel({
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        at: z.string(),
        imported: z.number().int(),
        updated: z.number().int(),
        skipped: z.number().int(),
        invalid: z.number().int(),
        noContact: z.number().int(),
        unmapped: z.number().int(),
      }),
    ),
    roles: manager,
  }),
};
