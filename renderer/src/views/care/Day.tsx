import { formatDay } from '../../lib/format';

/** A calendar day, machine-readable in `dateTime` and readable for a person. */
export function Day({ day }: { day: string }) {
  return <time dateTime={day}>{formatDay(day)}</time>;
}
