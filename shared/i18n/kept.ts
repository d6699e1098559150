import { z } from 'zod';
import type { Said } from './said';
import { SaidSchema } from './saidSchema';

/**
 * A sentence the core keeps in the database to show later (the sync status's last problem, why an
 * email was not sent), stored as its key and parameters so each person reads it in their own
 * language whenever it is drawn, not in the language of whoever was signed in when it was written.
 * Values stored before sentences were kept by key are plain English words: they still show, as
 * written. The window says a Said and shows a string as it is.
 */
export type Kept = Said | string;
export const KeptSchema: z.ZodType<Kept> = z.union([SaidSchema, z.string().max(10_000)]);

/** For a TEXT column: the sentence as JSON. */
export function keepSaid(value: Said): string {
  return JSON.stringify(value);
}

/** A TEXT column's value: a sentence kept by `keepSaid`, else the words stored before (or data), as written. */
export function readKept(stored: string): Kept {
  if (!stored.startsWith('{')) return stored;
  try {
    const parsed = SaidSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : stored;
  } catch {
    return stored;
  }
}

/** A setting's JSON value: a sentence, or the plain words stored before; null for anything else. */
export function keptSetting(value: unknown): Kept | null {
  if (typeof value === 'string') return value;
  const parsed = SaidSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
