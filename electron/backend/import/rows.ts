import { said, type Said } from '../../../shared/i18n/said';
import { ACTIVE_STATUS_VALUES, IMPORT_FIELDS, mappedHeaders, type ImportField, type ImportMapping } from '../../../shared/domain/importMapping';
import { IMPORT_TEXT_LIMITS, MAX_MONTHLY_REVENUE } from '../../../shared/domain/importLimits';
import { isValidTimeZone } from '../../../shared/domain/callingHours';
import { ImportFileError, type RowError } from './errors';
import { inferZoneFromAddress, type AddressZoneSource } from '../customers/addressZone';
import { addDays, parseDate, parseDecimal, parseText, parseWholeNumber, type Parsed } from './values';

/** A departed customer as read from one row, before it meets the database. */
export interface RowCustomer {
  externalId: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  /** Without a zone: the zones the address columns point to, and which column settled them. */
  zones: string[] | null;
  zoneSource: AddressZoneSource | null;
  segment: string | null;
  product: string | null;
  monthlyRevenue: number | null;
  tenureMonths: number | null;
  departedAt: string | null;
  lastActivityAt: string | null;
  statedReason: string | null;
  frontlineRep: string | null;
  frontlineTeam: string | null;
  notes: string | null;
}

export type RowOutcome =
  | { kind: 'departed'; customer: RowCustomer }
  | { kind: 'skipped' }
  /** The status column says the customer is still active, and the manager has not said to import them. */
  | { kind: 'active' }
  | { kind: 'invalid'; errors: RowError[] };

/** Limits that keep every value within what the hub's events accept (the same definition the hub checks). */
const TEXT_LIMITS: Record<Exclude<ImportField, 'monthlyRevenue' | 'tenureMonths' | 'departedAt' | 'lastActivityAt'>, number> = IMPORT_TEXT_LIMITS;
const MAX_REVENUE = MAX_MONTHLY_REVENUE;

export interface RowMapper {
  headers: string[];
  map: (fields: string[], line: number) => RowOutcome;
}

/**
 * Checks the mapping against the file's header and returns the function that turns each row into
 * a departed customer, a skipped row (did not depart) or the list of what is wrong with it.
 * `today` (YYYY-MM-DD) is the reference for the inactivity proxy.
 */
/** At most this much of the file's header goes into a message: a 50,000-character header once came back whole. */
const HEADER_SHOWN_CHARS = 300;

/** "Its columns are: A, B, C." cut to a readable length, saying how many more there are. */
export function listColumns(headers: readonly string[]): Said {
  const shown: string[] = [];
  let chars = 0;
  for (const h of headers) {
    const name = h.length > 60 ? `${h.slice(0, 60)}…` : h;
    if (shown.length > 0 && chars + name.length > HEADER_SHOWN_CHARS) break;
    shown.push(name);
    chars += name.length + 2;
  }
  const rest = headers.length - shown.length;
  // The headers are the file's own words, said as written.
  if (rest === 0) return said('errors.importFile.columns', { columns: shown.join(', ') });
  return said('errors.importFile.columnsMore', { total: headers.length, columns: shown.join(', '), rest });
}

export function createRowMapper(
  rawHeaders: string[],
  mapping: ImportMapping,
  options: { decimalComma: boolean; today: string },
): RowMapper {
  const headers = rawHeaders.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const indexOf = (header: string): number => {
    const hits = headers.flatMap((h, i) => (h === header ? [i] : []));
    if (hits.length > 1)
      throw new ImportFileError(said('errors.importFile.sameHeader', { count: hits.length, header }), 1);
    return hits[0] ?? -1;
  };
  for (const { header, role } of mappedHeaders(mapping)) {
    if (indexOf(header) === -1) {
      const columns = listColumns(headers);
      throw new ImportFileError(
        role === 'departedWhen'
          ? said('errors.importFile.missingDepartedColumn', { header, columns })
          : said('errors.importFile.missingColumn', { header, columns, role: role === 'status' ? said('errors.importFile.roleStatus') : said(`admin.mapping.field.${role}`) }),
        1,
      );
    }
  }
  const column = new Map<ImportField, number>();
  for (const f of IMPORT_FIELDS) {
    const h = mapping.columns[f];
    if (h !== undefined) column.set(f, indexOf(h));
  }
  const departedColumn = mapping.departedWhen ? indexOf(mapping.departedWhen.column) : -1;
  const departedValue = mapping.departedWhen?.equals.trim().toLowerCase() ?? '';
  // A status column used as the departure rule is that rule's to read.
  const statusColumn =
    mapping.statusColumn !== undefined && !mapping.importActive && mapping.statusColumn !== mapping.departedWhen?.column
      ? indexOf(mapping.statusColumn)
      : -1;
  const { decimalComma, today } = options;
  const dateFormat = mapping.dateFormat;
  const hasAddress = column.has('country') || column.has('region') || column.has('postalCode');
  // An export repeats the same few hundred dates; each spelling is checked once.
  const dates = new Map<string, Parsed<string>>();
  const date = (raw: string): Parsed<string> => {
    let parsed = dates.get(raw);
    if (parsed === undefined) {
      parsed = parseDate(raw, dateFormat);
      if (dates.size < 10_000) dates.set(raw, parsed);
    }
    return parsed;
  };

  // The row being mapped. map() is synchronous, so the helpers below read it from here instead of
  // being made anew for each of 100,000 rows.
  let fields: string[] = [];
  let line = 0;
  let errors: RowError[] = [];
  const cell = (f: ImportField): string => {
    const i = column.get(f);
    return i === undefined ? '' : (fields[i] ?? '');
  };
  const take = <T>(f: ImportField, parsed: Parsed<T>): T | null => {
    if (parsed.ok) return parsed.value;
    errors.push({ line, column: mapping.columns[f] ?? null, value: cell(f), message: parsed.message, said: parsed.said });
    return null;
  };
  const text = (f: keyof typeof TEXT_LIMITS): string | null => {
    // The common case without building a result object; parseText words the error.
    const value = cell(f).trim();
    if (value.length <= TEXT_LIMITS[f]) return value === '' ? null : value;
    return take(f, parseText(cell(f), TEXT_LIMITS[f]));
  };

  const map = (rowFields: string[], rowLine: number): RowOutcome => {
    fields = rowFields;
    line = rowLine;
    if (fields.length !== headers.length) {
      return {
        kind: 'invalid',
        errors: [
          {
            line,
            column: null,
            value: null,
            message: `This row has ${fields.length} values; the header has ${headers.length}. A separator inside a value needs quotes around the value.`,
            said: said('errors.importRow.fieldCount', { count: fields.length, header: headers.length }),
          },
        ],
      };
    }
    errors = [];
    if (statusColumn !== -1 && ACTIVE_STATUS_VALUES.has((fields[statusColumn] ?? '').trim().toLowerCase())) return { kind: 'active' };

    // Who departed: the flag column, the inactivity proxy, or (with neither) every row.
    const lastActivityAt = take('lastActivityAt', date(cell('lastActivityAt')));
    const flagged = departedColumn !== -1 && (fields[departedColumn] ?? '').trim().toLowerCase() === departedValue;
    const inactiveSince =
      mapping.inactiveDays !== undefined && lastActivityAt !== null && addDays(lastActivityAt, mapping.inactiveDays) <= today
        ? addDays(lastActivityAt, mapping.inactiveDays)
        : null;
    const hasRule = mapping.departedWhen !== undefined || mapping.inactiveDays !== undefined;
    if (hasRule && !flagged && inactiveSince === null) {
      return errors.length > 0 && mapping.inactiveDays !== undefined ? { kind: 'invalid', errors } : { kind: 'skipped' };
    }

    const externalId = text('externalId');
    if (externalId === null && errors.every((e) => e.column !== mapping.columns.externalId)) {
      errors.push({
        line,
        column: mapping.columns.externalId,
        value: '',
        message: 'The customer id is empty; every customer needs one.',
        said: said('errors.importRow.noId'),
      });
    }
    const phone = text('phone');
    if (phone !== null && !/\d/.test(phone)) {
      errors.push({
        line,
        column: mapping.columns.phone ?? null,
        value: phone,
        message: `"${phone}" is not a phone number: it has no digits.`,
        said: said('errors.importRow.phoneNoDigits', { value: phone }),
      });
    }
    const email = text('email');
    if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
      errors.push({ line, column: mapping.columns.email ?? null, value: email, message: `"${email}" is not an email address.`, said: said('errors.importRow.notEmail', { value: email }) });
    }
    const timezone = text('timezone');
    if (timezone !== null && !isValidTimeZone(timezone)) {
      errors.push({
        line,
        column: mapping.columns.timezone ?? null,
        value: timezone,
        message: `"${timezone}" is not a time zone; use names such as Europe/Berlin or America/New_York.`,
        said: said('errors.importRow.notZone', { value: timezone }),
      });
    }
    // Only where the file gives no zone: a zone the file names always wins.
    const address = timezone === null && hasAddress ? inferZoneFromAddress({ country: text('country'), region: text('region'), postalCode: text('postalCode'), phone }) : null;
    const monthlyRevenue = take('monthlyRevenue', parseDecimal(cell('monthlyRevenue'), decimalComma));
    if (monthlyRevenue !== null && (monthlyRevenue < 0 || monthlyRevenue > MAX_REVENUE)) {
      errors.push({
        line,
        column: mapping.columns.monthlyRevenue ?? null,
        value: cell('monthlyRevenue'),
        message:
          monthlyRevenue < 0
            ? 'Monthly revenue cannot be negative.'
            : 'Monthly revenue is implausibly large (over 1,000,000,000).',
        said: said(monthlyRevenue < 0 ? 'errors.importRow.revenueNegative' : 'errors.importRow.revenueHuge', { max: MAX_REVENUE }),
      });
    }
    const tenureMonths = take('tenureMonths', parseWholeNumber(cell('tenureMonths'), decimalComma));
    if (tenureMonths !== null && (tenureMonths < 0 || tenureMonths > 2000)) {
      errors.push({
        line,
        column: mapping.columns.tenureMonths ?? null,
        value: cell('tenureMonths'),
        message: 'Tenure must be between 0 and 2000 months.',
        said: said('errors.importRow.tenureRange', { max: 2000 }),
      });
    }
    const departedOn = take('departedAt', date(cell('departedAt')));
    if (departedOn !== null && departedOn > today) {
      // A departure not yet happened is no departure: it would open a cycle that has not begun.
      errors.push({
        line,
        column: mapping.columns.departedAt ?? null,
        value: cell('departedAt'),
        message: `The departure date ${departedOn} is in the future (today is ${today}); import the customer once they have left.`,
        said: said('errors.importRow.departureFuture', { day: { day: departedOn }, today: { day: today } }),
      });
    }
    const departedAt = departedOn ?? inactiveSince;
    const customer: RowCustomer = {
      externalId: externalId ?? '',
      name: text('name'),
      company: text('company'),
      phone,
      email,
      timezone,
      zones: address?.zones ?? null,
      zoneSource: address?.source ?? null,
      segment: text('segment'),
      product: text('product'),
      monthlyRevenue,
      tenureMonths,
      departedAt,
      lastActivityAt,
      statedReason: text('statedReason'),
      frontlineRep: text('frontlineRep'),
      frontlineTeam: text('frontlineTeam'),
      notes: text('notes'),
    };
    return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'departed', customer };
  };
  return { headers, map };
}
