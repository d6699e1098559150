import { said, type Said } from './said';
import { SaidSchema } from './saidSchema';

/**
 * What zod found wrong with an input, as a sentence by key that names the field by its label: the
 * window says it in the person's language at the field (or as a notice), not zod's English nor a
 * schema's. The issue's shape (zod 4's issue codes) decides the sentence; its limits are parameters
 * the locale formats.
 */
export interface ValidationIssue {
  code: string;
  path: readonly PropertyKey[];
  origin?: string | undefined;
  expected?: string | undefined;
  minimum?: number | bigint | Date | undefined;
  maximum?: number | bigint | Date | undefined;
  inclusive?: boolean | undefined;
  keys?: readonly string[] | undefined;
  /** A custom issue's own sentence by key, as `ctx.addIssue({ code: 'custom', params: { said } })` gives it. */
  params?: Record<string, unknown> | undefined;
  message: string;
}

/** Whether a catalogue has a key: the caller's (the core's English catalogue, the window's i18next). */
export type HasKey = (key: string) => boolean;

/** The field's dotted path ("variants.1.weight"): where the window shows the sentence. */
export function issuePath(issue: Pick<ValidationIssue, 'path'>): string {
  return issue.path.map(String).join('.');
}

/** The field by its label (`errors.field.<name>`, the last named step of the path), else its path as written. */
export function fieldSaid(issue: Pick<ValidationIssue, 'path'>, hasKey: HasKey): Said | string {
  const name = [...issue.path].reverse().find((step): step is string => typeof step === 'string');
  if (name === undefined) return said('errors.field.form');
  const key = `errors.field.${name}`;
  return hasKey(key) ? said(key) : issuePath(issue);
}

const limit = (value: ValidationIssue['minimum']): number => (typeof value === 'number' ? value : Number(value));

export function issueSaid(issue: ValidationIssue, hasKey: HasKey): Said {
  const field = fieldSaid(issue, hasKey);
  const own = SaidSchema.safeParse(issue.params?.said);
  if (own.success && hasKey(own.data.key)) return own.data;
  // A schema may name its own sentence by key (an errors.input key, say, as its message): it wins over the generic one.
  if (/^[a-z]\w*(\.\w+)+$/.test(issue.message) && hasKey(issue.message)) {
    return said(issue.message, { field, ...(issue.minimum !== undefined ? { minimum: limit(issue.minimum) } : {}), ...(issue.maximum !== undefined ? { maximum: limit(issue.maximum) } : {}) });
  }
  switch (issue.code) {
    case 'too_small': {
      const minimum = limit(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? said('errors.validation.textEmpty', { field }) : said('errors.validation.textTooShort', { field, minimum });
      if (issue.origin === 'array' || issue.origin === 'set') return said('errors.validation.tooFew', { field, minimum });
      return said(issue.inclusive === false ? 'errors.validation.numberAbove' : 'errors.validation.numberAtLeast', { field, minimum });
    }
    case 'too_big': {
      const maximum = limit(issue.maximum);
      if (issue.origin === 'string') return said('errors.validation.textTooLong', { field, maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return said('errors.validation.tooMany', { field, maximum });
      if (issue.origin === 'file') return said('errors.validation.fileTooLarge', { field });
      return said(issue.inclusive === false ? 'errors.validation.numberBelow' : 'errors.validation.numberAtMost', { field, maximum });
    }
    case 'invalid_type':
      if (issue.expected === 'int') return said('errors.validation.notWhole', { field });
      return said(issue.expected === 'number' ? 'errors.validation.notNumber' : 'errors.validation.wrongKind', { field });
    case 'not_multiple_of':
      return said('errors.validation.notWhole', { field });
    case 'invalid_format':
      return said('errors.validation.badFormat', { field });
    case 'invalid_value':
    case 'invalid_union':
      return said('errors.validation.notAChoice', { field });
    case 'unrecognized_keys':
      return said('errors.validation.unknownField', { keys: (issue.keys ?? []).join(', ') });
    default:
      return said('errors.validation.invalid', { field });
  }
}
