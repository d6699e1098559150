import type { Said } from '../../../shared/i18n/said';

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
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
