import { describe, expect, it } from 'vitest';
import { parseDate, parseDecimal } from '../../electron/backend/import/values';
import { detectSeparator } from '../../electron/backend/import/separator';
import { ImportMappingSchema, proposeMapping } from '../../shared/domain/importMapping';
import { cycleFromName } from '../../shared/domain/cycleNames';
import { issueInEnglish } from '../../shared/i18n/english';

describe('numbers as exports write them', () => {
  it.each([
    ['53.85', false, 53.85],
    ['53,85', false, 53.85],
    ['53,85', true, 53.85],
    ['1.234,56', true, 1234.56],
    ['1,234.56', false, 1234.56],
    ['1 234,56', true, 1234.56],
    ['1\u00a0234,56 €', true, 1234.56],
    ['$1,234', false, 1234],
    ['1,234', true, 1.234],
    ['1.234', true, 1234],
    ['1.234', false, 1.234],
    ['1.234.567', false, 1234567],
    ['-5', false, -5],
    ['0', false, 0],
  ])('%s (decimal comma %s) is %d', (raw, decimalComma, expected) => {
    expect(parseDecimal(raw, decimalComma)).toEqual({ ok: true, value: expected });
  });

  it('reads a blank cell as no value and refuses text', () => {
    expect(parseDecimal('   ', false)).toEqual({ ok: true, value: null });
    expect(parseDecimal('12 apples', false)).toEqual({
      ok: false,
      message: '"12 apples" is not a number.',
      said: { key: 'errors.importRow.notANumber', params: { value: '12 apples' } },
    });
    expect(parseDecimal('1e5', false)).toMatchObject({ ok: false });
  });
});

describe('dates', () => {
  it('reads ISO dates, ISO date-times and day-first dotted dates', () => {
    expect(parseDate('2026-03-07')).toEqual({ ok: true, value: '2026-03-07' });
    expect(parseDate('2026-3-7')).toEqual({ ok: true, value: '2026-03-07' });
    expect(parseDate('2026-03-07T23:15:00+01:00')).toEqual({ ok: true, value: '2026-03-07' });
    expect(parseDate('2026/03/07')).toEqual({ ok: true, value: '2026-03-07' });
    expect(parseDate('07.03.2026')).toEqual({ ok: true, value: '2026-03-07' });
  });

  it('refuses what it would have to guess, and days that do not exist', () => {
    for (const raw of ['03/07/2026', '2026-02-29', '31.04.2026', 'yesterday'])
      expect(parseDate(raw)).toMatchObject({ ok: false });
  });
});

describe('separators', () => {
  it('picks the one the header uses, ignoring separators inside quotes', () => {
    expect(detectSeparator('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectSeparator('a;b;c\r\n')).toBe(';');
    expect(detectSeparator('"last, first";"b";"c"\n')).toBe(';');
    expect(detectSeparator('only\n')).toBe(',');
  });
});

describe('the mapping', () => {
  it('recognises common header names whatever their case and punctuation', () => {
    const m = proposeMapping([
      'Customer_ID',
      'NAME',
      'e-mail',
      'Phone Number',
      'Monthly Revenue',
      'Churn Reason',
      'time zone',
      'Last Purchase Date',
      'Sales Rep',
      'Team',
    ]);
    expect(m.columns).toEqual({
      externalId: 'Customer_ID',
      name: 'NAME',
      email: 'e-mail',
      phone: 'Phone Number',
      monthlyRevenue: 'Monthly Revenue',
      statedReason: 'Churn Reason',
      timezone: 'time zone',
      lastActivityAt: 'Last Purchase Date',
      frontlineRep: 'Sales Rep',
      frontlineTeam: 'Team',
    });
    expect(m.departedWhen).toBeUndefined();
  });

  it('guesses the value that marks a departed row from the sample', () => {
    expect(
      proposeMapping(
        ['id', 'Churned'],
        [
          ['1', 'False'],
          ['2', 'True'],
        ],
      ).departedWhen,
    ).toEqual({ column: 'Churned', equals: 'True' });
  });

  it('checks a mapping file: a customer id column, known fields only, inactiveDays with a last-activity column', () => {
    expect(ImportMappingSchema.safeParse({ columns: { name: 'Name' } }).success).toBe(false);
    expect(ImportMappingSchema.safeParse({ columns: { externalId: 'id', colour: 'Colour' } }).success).toBe(false);
    const noActivity = ImportMappingSchema.safeParse({ columns: { externalId: 'id' }, inactiveDays: 180 });
    // The schema names the problem by catalogue key; the command line says it in English.
    expect(noActivity.success ? null : issueInEnglish(noActivity.error.issues[0])).toBe(
      'inactiveDays needs a lastActivityAt column: it counts days since the last activity.',
    );
    expect(ImportMappingSchema.parse({ columns: { externalId: 'id', lastActivityAt: 'last' }, inactiveDays: 180 })).toBeTruthy();
  });
});

describe('cycle names', () => {
  it('reads the ways a manager names a cycle', () => {
    expect(cycleFromName('2026-11')?.name).toBe('November 2026');
    expect(cycleFromName('november 2026')?.id).toBe('2026-11');
    expect(cycleFromName('Nov 2026')?.id).toBe('2026-11');
    expect(cycleFromName('2026-Q4')?.name).toBe('Q4 2026');
    expect(cycleFromName('q1 2027')).toMatchObject({ id: '2027-Q1', startsOn: '2027-01-01', endsOn: '2027-03-31' });
    expect(cycleFromName('2026-13')).toBeNull();
    expect(cycleFromName('soon')).toBeNull();
  });
});
