import { z } from 'zod';
import type { Said, SaidParam } from './said';

/*
 * The shape of a sentence by key (./said.ts), for the contracts that carry one and for the window's
 * check of a failed call's sentence. Kept apart from ./said.ts: zod is a tenth of the window's script
 * and its set-up runs when loaded, so the Queue's first paint, which only says sentences, loads
 * ./said.ts without it (bench/chromium-pair.ts).
 */

const ParamSchema: z.ZodType<SaidParam> = z.lazy(() =>
  z.union([
    z.string().max(10_000),
    z.number(),
    z.object({ amount: z.number(), currency: z.string().regex(/^[A-Z]{3}$/) }).strict(),
    z.object({ signed: z.number() }).strict(),
    z.object({ decimal: z.number() }).strict(),
    z.object({ at: z.string().max(40), timeZone: z.string().max(100) }).strict(),
    z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
    SaidSchema,
    z.object({ list: z.array(ParamSchema).max(1_000), join: z.enum(['and', 'comma', 'sentences']) }).strict(),
  ]),
);

export const SaidSchema: z.ZodType<Said> = z.lazy(() =>
  z
    .object({
      key: z.string().regex(/^[\w.]+$/).max(200),
      params: z.record(z.string(), ParamSchema).optional(),
    })
    .strict(),
);
