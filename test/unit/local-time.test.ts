import { describe, expect, it } from 'vitest';
import { englishOf } from '../../shared/i18n/english';
import { isValidLocalDate, isValidLocalDateTime, localToUtc, todayIn, utcToLocal } from '../../shared/domain/localTime';

describe('customer-local time', () => {
  it('turns a customer-local time into the instant, in winter and in summer', () => {
    expect(localToUtc('2026-11-17T10:00', 'America/Los_Angeles')).toEqual({ ok: true, iso: '2026-11-17T18:00:00.000Z' });
    expect(localToUtc('2026-07-01T10:00', 'America/Los_Angeles')).toEqual({ ok: true, iso: '2026-07-01T17:00:00.000Z' });
    expect(localToUtc('2026-07-01T10:00', 'Asia/Kolkata')).toEqual({ ok: true, iso: '2026-07-01T04:30:00.000Z' });
    expect(localToUtc('2026-07-01T10:00', 'UTC')).toEqual({ ok: true, iso: '2026-07-01T10:00:00.000Z' });
  });

  it('refuses a time skipped when the clocks go forward, and picks the first of a repeated hour', () => {
    const gap = localToUtc('2026-03-08T02:30', 'America/New_York');
    expect(gap).toEqual({ ok: false, why: { key: 'errors.localTime.skipped', params: { time: '2026-03-08 02:30', zone: 'America/New_York' } } });
    expect(gap.ok ? '' : englishOf(gap.why)).toBe('2026-03-08 02:30 does not exist in America/New_York (the clocks change then).');
    expect(localToUtc('2026-11-01T01:30', 'America/New_York')).toEqual({ ok: true, iso: '2026-11-01T05:30:00.000Z' });
  });

  it('refuses what is not a date and time or not a zone', () => {
    expect(localToUtc('tomorrow at ten', 'UTC')).toMatchObject({ ok: false });
    const zone = localToUtc('2026-11-17T10:00', 'Mars/Olympus');
    expect(zone.ok ? '' : englishOf(zone.why)).toBe('Mars/Olympus is not a time zone.');
    expect(isValidLocalDateTime('2026-02-29T10:00')).toBe(false);
    expect(isValidLocalDateTime('2028-02-29T23:59')).toBe(true);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
  });

  it('reads an instant back as local wall-clock time and today', () => {
    expect(utcToLocal('2026-11-17T18:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-17T10:00');
    expect(todayIn(new Date('2026-11-17T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-16');
  });
});
