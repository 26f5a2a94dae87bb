import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../../../domain/case/reminders';
import { ConfigError } from '../../../platform/config';
import { reminderPolicy } from '../../../platform/reminder-policy';

describe('DSAR_REMINDER_POLICY', () => {
  it('is the default when unset, and fields given replace the defaults', () => {
    expect(reminderPolicy(undefined)).toEqual(DEFAULT_REMINDER_POLICY);
    expect(reminderPolicy('{"assigneeBefore":[3,1],"hour":10}')).toEqual({ ...DEFAULT_REMINDER_POLICY, assigneeBefore: [3, 1], hour: 10 });
  });

  it.each([
    ['not JSON', 'soon', /must be JSON/],
    ['an array', '[1]', /JSON object/],
    ['an unknown field', '{"weekly":true}', /unknown field "weekly"/],
    ['an hour out of range', '{"hour":24}', /hour/],
    ['a day count of zero', '{"assigneeBefore":[0]}', /assigneeBefore/],
    ['too many daily reminders', '{"dailyAfterDue":1000}', /dailyAfterDue/],
  ])('refuses %s at start-up, saying what to put there', (_what, raw, message) => {
    expect(() => reminderPolicy(raw)).toThrow(ConfigError);
    expect(() => reminderPolicy(raw)).toThrow(message);
  });
});
