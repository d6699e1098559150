import { z } from 'zod';
import { channel } from './channel';

/**
 * Whole-table exports, written by the backend as a stream (flat memory at a million calls) into a
 * temporary file, then handed to the window in chunks so both transports can save it.
 */
export const EXPORT_DATASETS = ['customers', 'calls', 'feedback', 'issues'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_DATASET_LABELS: Record<ExportDataset, string> = {
  customers: 'Departed customers',
  calls: 'Calls',
  feedback: 'Frontline feedback',
  issues: 'Issues to fix',
};

export const ExportStatus = z.object({
  jobId: z.string(),
  dataset: z.enum(EXPORT_DATASETS),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  rows: z.number().int(),
  total: z.number().int(),
  /** Size of the file written so far. */
  bytes: z.number().int(),
  error: z.string().nullable(),
});
export type ExportStatus = z.infer<typeof ExportStatus>;

const jobId = z.string().uuid('Unknown export.');

export const exportChannels = {
  'exports.start': channel({
    input: z.object({ dataset: z.enum(EXPORT_DATASETS), bom: z.boolean().default(true) }).strict(),
    output: ExportStatus,
    roles: ['manager'],
  }),
  'exports.status': channel({ input: z.object({ jobId }).strict(), output: ExportStatus, roles: ['manager'] }),
  /** The next part of a finished export, from a byte offset; text cut on a whole character. */
  'exports.read': channel({
    input: z.object({ jobId, offset: z.number().int().min(0) }).strict(),
    output: z.object({ text: z.string(), nextOffset: z.number().int(), done: z.boolean() }),
    roles: ['manager'],
  }),
  /** Deletes the temporary file once the window has saved it (or gave up). */
  'exports.discard': channel({ input: z.object({ jobId }).strict(), output: z.object({ discarded: z.boolean() }), roles: ['manager'] }),
};
