import type { z } from 'zod';
import type { Role } from '../domain/roles';

/**
 * One channel of the API contract: its input and output schemas and who may call it.
 * `roles` omitted means any set-up user; `setup: true` means callable before first-run is done.
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles?: readonly Role[];
  setup?: boolean;
}

/** Keeps the literal types (`setup: true`, the roles) so handlers' types can depend on them. */
export function channel<const D extends ChannelDef>(def: D): D {
  return def;
}
