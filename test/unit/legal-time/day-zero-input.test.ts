// What a day 0 may be written as: the intake, the API and `dsar deadline` all pass receipts through parseFrom.
import { describe, expect, it } from 'vitest';
import { builtInCalendar, computeDeadline } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const calendar = builtInCalendar();
// incident_initial counts 24 hours from the exact instant, so its dueAt shows the instant that was read.
const read = (from: string) => computeDeadline({ rule: 'incident_initial', from }, { calendar }).dueAt;

describe('an instant given as day 0', () => {
  it('is read with its own offset, whatever form RFC 3339 / ISO 8601 allows', () => {
    expect(read('2025-10-24T15:00:00Z')).toBe('2025-10-25T18:00:00+03:00');
    expect(read('2025-10-24t15:00:00z')).toBe('2025-10-25T18:00:00+03:00');
    expect(read('2025-10-24T15:00Z')).toBe('2025-10-25T18:00:00+03:00');
    expect(read('2025-10-24T10:30:00-04:30')).toBe('2025-10-25T18:00:00+03:00');
    expect(read('2025-10-24T18:00:00+03:00')).toBe('2025-10-25T18:00:00+03:00');
    expect(read('2025-10-24T15:00:07Z')).toBe('2025-10-25T18:00:07+03:00');
  });

  it('keeps milliseconds, from a dot or a comma, and drops digits below a millisecond', () => {
    expect(read('2025-10-24T15:00:00.25Z')).toBe('2025-10-25T18:00:00.250+03:00');
    expect(read('2025-10-24T15:00:00,007Z')).toBe('2025-10-25T18:00:00.007+03:00');
    expect(read('2025-10-24T15:00:00.123456789Z')).toBe('2025-10-25T18:00:00.123+03:00');
  });

  it.each([
    '2025-10-24T24:00:00Z', '2025-10-24T23:60:00Z', '2025-10-24T23:59:60Z', '2025-10-24T15:00:00+24:00', '2025-10-24T15:00:00+03:60',
    '2025-02-29T15:00:00Z', '2025-10-24 15:00:00Z', 'x2025-10-24T15:00:00Z', '2025-10-24T15:00:00Zx', '2025-10-24T15:00:00.Z',
    '2025-10-24T15:00:00.1234567891Z', '2025-10-24T15Z', '3000-01-01T00:00:00Z', '20251024',
  ])('refuses %s', (from) => {
    expect(errorOf(() => computeDeadline({ rule: 'access', from }, { calendar })).code).toBe('invalid_from');
  });

  it('accepts the last hour, minute and second of a day and the widest offsets', () => {
    expect(read('2025-10-24T23:59:59+23:59')).toBe('2025-10-25T03:00:59+03:00');
    expect(read('2025-10-24T00:00:00-23:59')).toBe('2025-10-26T02:59:00+03:00');
  });
});

describe('a date given as day 0', () => {
  it('is an operator-local day, the same whatever the zone\'s offset', () => {
    expect(computeDeadline({ rule: 'block_on_report', from: '2025-10-24' }, { calendar, timeZone: 'Asia/Vladivostok' }).dueAt).toBe('2025-10-25T00:00:00+10:00');
  });

  it.each(['2025-13-01', '2025-00-10', '2025-10-32', '1899-12-31', '2025/10/24', '2025-1-024'])('refuses %s', (from) => {
    expect(errorOf(() => computeDeadline({ rule: 'access', from }, { calendar })).code).toBe('invalid_from');
  });
});
