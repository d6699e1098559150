import { z } from 'zod';
import { channel } from './channel';

export const AssignmentPreviewSchema = z.object({
  /** Customers the assignment would move. */
  moving: z.number().int(),
  /** Whose customers they are now, and how many each would keep of their handful. */
  takenFrom: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      role: z.enum(['agent', 'executive', 'manager']),
      count: z.number().int(),
      /** What they hold in those customers' cycles before and after. */
      before: z.number().int(),
      after: z.number().int(),
      cap: z.number().int().nullable(),
    }),
  ),
});
export type AssignmentPreview = z.infer<typeof AssignmentPreviewSchema>;

/** What an assignment by hand would take from whom, asked before it is made. */
export const assignmentPreviewChannels = {
  'assignment.preview': channel({
    input: z
      .object({
        customerIds: z.array(z.number().int().positive()).min(1, 'errors.input.chooseCustomer').max(500),
        personId: z.string().min(1).max(100).nullable(),
      })
      .strict(),
    output: AssignmentPreviewSchema,
    roles: ['manager'],
  }),
};
