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
  .min(1, 'errors.input.enterName')
  .max(120, 'errors.input.nameLong');

/** The desk's manager passphrase: long enough to resist guessing at a desk, short enough to type. */
const passphrase = z
  .string()
  .min(10, 'errors.input.passphraseShort')
  .max(200, 'errors.input.passphraseLong');

export const sessionChannels = {
  'session.get': channel({ input: z.object({}).strict(), output: SessionSchema, setup: true }),
  'session.setup': channel({
    input: z.object({ name: personName, role: z.enum(ROLES), managerPassphrase: passphrase.optional() }).strict(),
    output: SessionSchema,
    setup: true,
  }),
  /** Hands the desk to another person; a role the desk has not been given needs a manager's proof. */
  'session.switch': channel({
    input: z.object({ name: personName, role: z.enum(ROLES), passphrase: z.string().max(200).optional() }).strict(),
    output: SessionSchema,
  }),
  'session.passphrase.set': channel({
    input: z.object({ passphrase }).strict(),
    output: z.object({ set: z.literal(true) }),
    roles: ['manager'],
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
