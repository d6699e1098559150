import { z } from 'zod';

/**
 * Between a console and the hub for outreach: unsubscribe links signed by the hub (its key never
 * leaves it), and the objections customers recorded by following them, pulled by cursor.
 */
export const MAX_LINKS_PER_REQUEST = 2000;

export const UnsubscribeLinksRequest = z
  .object({
    links: z
      .array(z.object({ externalId: z.string().min(1).max(100), messageId: z.string().min(3).max(300) }).strict())
      .min(1)
      .max(MAX_LINKS_PER_REQUEST),
  })
  .strict();
export type UnsubscribeLinksRequest = z.infer<typeof UnsubscribeLinksRequest>;

export const UnsubscribeLinksResponse = z.object({
  tokens: z.array(z.object({ messageId: z.string(), token: z.string() })),
});
export type UnsubscribeLinksResponse = z.infer<typeof UnsubscribeLinksResponse>;

export const MAX_OBJECTIONS_PER_PULL = 1000;

export const Objection = z.object({
  /** The hub's order: the cursor a console pulls after. */
  id: z.number().int(),
  externalId: z.string(),
  messageId: z.string().nullable(),
  channel: z.enum(['email']),
  at: z.string(),
});
export type Objection = z.infer<typeof Objection>;

export const ObjectionsResponse = z.object({ objections: z.array(Objection), next: z.number().int() });
export type ObjectionsResponse = z.infer<typeof ObjectionsResponse>;
