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

export function channel<I extends z.ZodType, O extends z.ZodType>(
  def: ChannelDef<I, O>,
): ChannelDef<I, O> {
  return def;
}
