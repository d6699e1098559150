import { z } from 'zod';

/**
 * How the columns of a departure export become departed customers. The same JSON is saved from
 * the console and passed to `winback import --mapping`:
 * `{ "columns": { "<field>": "<header>" }, "departedWhen": { "column", "equals" }, "inactiveDays": n }`.
 */
export const IMPORT_FIELDS = [
  'externalId',
  'name',
  'company',
  'phone',
  'email',
  'timezone',
  'country',
  'region',
  'postalCode',
  'segment',
  'product',
  'monthlyRevenue',
  'tenureMonths',
  'departedAt',
  'lastActivityAt',
  'statedReason',
  'frontlineRep',
  'frontlineTeam',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  externalId: 'Customer id',
  name: 'Name',
  company: 'Company',
  phone: 'Phone',
  email: 'Email',
  timezone: 'Time zone',
  country: 'Country',
  region: 'State or province',
  postalCode: 'Postal code',
  segment: 'Segment',
  product: 'Product',
  monthlyRevenue: 'Monthly revenue',
  tenureMonths: 'Tenure (months)',
  departedAt: 'Departed on',
  lastActivityAt: 'Last activity on',
  statedReason: 'Stated reason',
  frontlineRep: 'Frontline rep',
  frontlineTeam: 'Frontline team',
  notes: 'Notes',
};

const header = z.string().trim().min(1, 'errors.input.columnEmpty').max(200);

const columnsShape = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, header.optional()])) as {
  [F in ImportField]: z.ZodOptional<typeof header>;
};

export const ImportMappingSchema = z
  .object({
    columns: z.object({ ...columnsShape, externalId: header }).strict(),
    departedWhen: z
      .object({ column: header, equals: z.string().max(200) })
      .strict()
      .optional(),
    inactiveDays: z.number().int().min(1).max(36_500).optional(),
    /**
     * How dates written with slashes read (03/04/2026): day first or month first. Without it the
     * import works it out from the date columns and asks only when every date there fits both.
     */
    dateFormat: z.enum(['dmy', 'mdy']).optional(),
    /** A column that says whether the customer is still active ("Status"): active rows are left out... */
    statusColumn: header.optional(),
    /** ...unless the manager says to import them as departed anyway. */
    importActive: z.boolean().optional(),
  })
  .strict()
  .refine((m) => m.inactiveDays === undefined || m.columns.lastActivityAt !== undefined, {
    message: 'errors.input.inactiveNeedsActivity',
    path: ['inactiveDays'],
  });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Header spellings seen in real exports, compared after dropping case, spaces and punctuation. */
const SYNONYMS: Record<ImportField, string[]> = {
  externalId: [
    'customerid',
    'custid',
    'customerno',
    'customernumber',
    'clientid',
    'clientnumber',
    'accountid',
    'accountnumber',
    'accountno',
    'id',
  ],
  name: ['name', 'customername', 'fullname', 'contactname', 'clientname'],
  company: ['company', 'companyname', 'organisation', 'organization', 'business', 'businessname'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'telephonenumber',
    'tel',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
  ],
  email: ['email', 'emailaddress', 'mail', 'mailaddress'],
  timezone: ['timezone', 'tz', 'customertimezone'],
  country: ['country', 'countrycode', 'countryname', 'nation'],
  region: ['state', 'province', 'stateprovince', 'stateorprovince', 'region', 'statecode'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'plz', 'postal'],
  segment: ['segment', 'customersegment', 'contract', 'contracttype', 'tier'],
  product: ['product', 'productname', 'internetservice', 'service', 'plan', 'planname'],
  monthlyRevenue: [
    'monthlycharges',
    'monthlycharge',
    'monthlyrevenue',
    'mrr',
    'monthlyfee',
    'monthlyamount',
    'revenue',
    'monthlyvalue',
  ],
  tenureMonths: ['tenuremonths', 'tenure', 'tenureinmonths', 'monthsascustomer'],
  departedAt: [
    'departedat',
    'departedon',
    'departuredate',
    'churndate',
    'churnedat',
    'churnedon',
    'cancellationdate',
    'cancelledat',
    'cancelledon',
    'canceldate',
    'enddate',
    'terminationdate',
    'left',
    'leftat',
    'lefton',
  ],
  lastActivityAt: [
    'lastactivity',
    'lastactivityat',
    'lastactivityon',
    'lastactivitydate',
    'lastpurchase',
    'lastpurchasedate',
    'lastorder',
    'lastorderdate',
    'lastseen',
    'lastvisit',
  ],
  statedReason: [
    'churnreason',
    'reason',
    'statedreason',
    'cancellationreason',
    'cancelreason',
    'departurereason',
    'reasonforleaving',
    'leavingreason',
  ],
  frontlineRep: ['frontlinerep', 'rep', 'salesrep', 'accountmanager', 'representative', 'servedby', 'advisor'],
  frontlineTeam: ['frontlineteam', 'team', 'supportteam', 'branch', 'store', 'office'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
};

/** Headers of a column that tells an active customer from a departed one. */
const STATUS_HEADERS = ['status', 'customerstatus', 'accountstatus', 'subscriptionstatus', 'contractstatus', 'clientstatus'];

/** Status values that mean the customer has not left, compared lower-cased and trimmed. */
export const ACTIVE_STATUS_VALUES: ReadonlySet<string> = new Set([
  'active',
  'current',
  'live',
  'open',
  'subscribed',
  'ongoing',
  'aktiv',
  'actif',
  'active customer',
  'activo',
  'attivo',
]);

/** Headers that say whether a row departed; the first one present wins. */
const DEPARTED_FLAG_HEADERS = ['churnlabel', 'churn', 'churned', 'departed', 'haschurned', 'lost', 'churnvalue'];
const YES_VALUES = ['Yes', 'yes', 'YES', 'Y', 'True', 'true', 'TRUE', '1', 'Churned', 'churned'];

export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A first guess at the mapping from the file's headers (and a few sample rows, to guess the value
 * that marks a departed row). The manager corrects it in the console before anything is written.
 */
export function proposeMapping(headers: readonly string[], sampleRows: readonly (readonly string[])[] = []): ImportMapping {
  const byKey = new Map<string, string>();
  for (const h of headers) {
    const key = normalizeHeader(h);
    if (key !== '' && !byKey.has(key)) byKey.set(key, h);
  }
  const taken = new Set<string>();
  const columns: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const found = byKey.get(synonym);
      if (found !== undefined && !taken.has(found)) {
        columns[field] = found;
        taken.add(found);
        break;
      }
    }
  }
  const mapping: ImportMapping = { columns: { ...columns, externalId: columns.externalId ?? headers[0] ?? '' } };
  for (const flag of DEPARTED_FLAG_HEADERS) {
    const column = byKey.get(flag);
    if (column === undefined) continue;
    const index = headers.indexOf(column);
    const seen = new Set(sampleRows.map((r) => (r[index] ?? '').trim()));
    const equals = YES_VALUES.find((v) => seen.has(v)) ?? 'Yes';
    mapping.departedWhen = { column, equals };
    break;
  }
  const status = STATUS_HEADERS.map((h) => byKey.get(h)).find((h) => h !== undefined && !taken.has(h));
  if (status !== undefined) mapping.statusColumn = status;
  return mapping;
}

/** Every header the mapping refers to, with the role it plays (for "the file has no column X"). */
export function mappedHeaders(mapping: ImportMapping): { header: string; role: ImportField | 'departedWhen' | 'status' }[] {
  const out: { header: string; role: ImportField | 'departedWhen' | 'status' }[] = [];
  for (const field of IMPORT_FIELDS) {
    const h = mapping.columns[field];
    if (h !== undefined) out.push({ header: h, role: field });
  }
  if (mapping.departedWhen) out.push({ header: mapping.departedWhen.column, role: 'departedWhen' });
  if (mapping.statusColumn) out.push({ header: mapping.statusColumn, role: 'status' });
  return out;
}
