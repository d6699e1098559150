import type { Said } from '../../../shared/i18n/said';
import { SaidError } from '../../../shared/i18n/english';

/** A row-level problem: which line of the file, which column, what was there and what is wrong. */
export interface RowError {
  line: number;
  /** The header of the column, or null when the problem is the row itself. */
  column: string | null;
  value: string | null;
  /** In English: the command line and the logs. */
  message: string;
  /** The same by key, for the preview in the manager's language. */
  said?: Said | undefined;
}

/**
 * A problem with the file as a whole (empty, binary, a quote never closed): nothing can be
 * imported from it. `line` is set when the problem sits at a known line.
 */
export class ImportFileError extends SaidError {
  constructor(
    sentence: Said,
    readonly line: number | null = null,
  ) {
    super(sentence);
    this.name = 'ImportFileError';
  }
}
