import { z } from 'zod';
import { channel } from './channel';
import { ROLES } from '../domain/roles';

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Person = z.infer<typeof PersonSchema>;

export const SessionSchema = z.object({
  user: PersonSchema.nullable(),
  demo: z.boolean(),
  callingHoursEnforced: z.boolean(),
  appVersion: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(120, 'A name is at most 120 characters.');

export const sessionChannels = {
  'session.get': channel({ input: z.object({}).strict(), output: SessionSchema, setup: true }),
  'session.setup': channel({
    input: z.object({ name: personName, role: z.enum(ROLES) }).strict(),
    output: SessionSchema,
    setup: true,
  }),
  'people.list': channel({
    input: z.object({ role: z.enum(ROLES).optional() }).strict(),
    output: z.array(PersonSchema),
  }),
  'demo.load': channel({
    input: z.object({}).strict(),
    output: z.object({ customers: z.number().int(), cycle: z.string() }),
  }),
};
