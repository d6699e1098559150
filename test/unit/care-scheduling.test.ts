import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  describeReviewState,
  nextReviewOn,
  retentionAfter,
  reviewState,
} from '../../shared/domain/care';

describe('review scheduling across months of different lengths', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'], // recovered 31 August: 28 February
    ['2027-08-31', 6, '2028-02-29'], // 29 in a leap year
    ['2026-03-31', 6, '2026-09-30'], // a 31st into a 30-day month
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-30', 1, '2028-02-29'],
    ['2026-11-16', 6, '2027-05-16'], // across the year end
    ['2028-02-29', 12, '2029-02-28'], // a leap day a year on
    ['2026-08-15', 6, '2027-02-15'], // an ordinary day keeps its number
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', 24, '2028-05-31'],
  ])('%s + %i months is %s', (from, months, due) => {
    expect(nextReviewOn(from, months)).toBe(due);
  });

  it('never slides into the next month and never loses a month, for any day and interval', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 24 }), (d, months) => {
        const from = d.toISOString().slice(0, 10);
        const due = addMonths(from, months);
        const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
        const [dy, dm, dd] = due.split('-').map(Number) as [number, number, number];
        expect(dy * 12 + dm - (fy * 12 + fm)).toBe(months);
        // Same day of the month, or the last day of a shorter month.
        const lastOfDueMonth = new Date(Date.UTC(dy, dm, 0)).getUTCDate();
        expect(dd).toBe(Math.min(fd, lastOfDueMonth));
      }),
    );
  });

  it('refuses an interval outside 1 to 24 whole months and a date that does not exist', () => {
    expect(() => nextReviewOn('2026-08-31', 0)).toThrow(/1 to 24 whole months/);
    expect(() => nextReviewOn('2026-08-31', 2.5)).toThrow(/1 to 24 whole months/);
    expect(() => nextReviewOn('2026-02-30', 6)).toThrow(/not a real date/);
  });

  it('counts days across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2026-11-16', '2026-11-09')).toBe(-7);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('the state of a review', () => {
  it('is overdue once its day has passed, due from a week before, upcoming before that', () => {
    const today = '2027-02-28';
    expect(reviewState('2027-02-27', today)).toBe('overdue');
    expect(describeReviewState('2027-02-27', today)).toBe('Overdue by 1 day');
    expect(describeReviewState('2027-02-18', today)).toBe('Overdue by 10 days');
    expect(reviewState('2027-02-28', today)).toBe('due');
    expect(describeReviewState('2027-02-28', today)).toBe('Due today');
    expect(reviewState('2027-03-07', today)).toBe('due');
    expect(describeReviewState('2027-03-07', today)).toBe('Due in 7 days');
    expect(reviewState('2027-03-08', today)).toBe('upcoming');
    expect(describeReviewState('2027-03-08', today)).toBe('In 8 days');
  });
});

describe('the share retained after 6 and 12 months', () => {
  const today = '2027-12-31';
  const episodes = [
    { recoveredOn: '2026-01-15', relostOn: null }, // 23 months, retained
    { recoveredOn: '2026-03-10', relostOn: '2026-05-01' }, // lost within 6 months
    { recoveredOn: '2026-06-30', relostOn: '2027-03-01' }, // lost after 6, within 12
    { recoveredOn: '2026-08-31', relostOn: '2027-02-28' }, // lost on the 6-month day itself: not retained
    { recoveredOn: '2027-01-05', relostOn: null }, // 11 months: counts for 6, not yet for 12
    { recoveredOn: '2027-06-30', relostOn: null }, // six months reached yesterday: counts for 6
    { recoveredOn: '2027-07-01', relostOn: '2027-07-20' }, // too recent for either
  ];

  it('counts only recoveries old enough, and a re-loss after the horizon as retained at it', () => {
    expect(retentionAfter(episodes, 6, today)).toEqual({ months: 6, eligible: 6, retained: 4, share: 4 / 6 });
    expect(retentionAfter(episodes, 12, today)).toEqual({ months: 12, eligible: 4, retained: 1, share: 0.25 });
  });

  it('has no share while nobody is old enough', () => {
    expect(retentionAfter([{ recoveredOn: '2027-12-01', relostOn: null }], 6, today)).toEqual({ months: 6, eligible: 0, retained: 0, share: null });
  });
});
