import { describe, expect, it } from 'vitest';
import { ConfigError, retentionSettings } from '../../../platform/config';

describe('DSAR_MINIMISE_AFTER_DAYS', () => {
  it('defaults to 3 years (1,095 days) and takes a positive whole number of days', () => {
    expect(retentionSettings({})).toEqual({ minimiseAfterDays: 1095 });
    expect(retentionSettings({ DSAR_MINIMISE_AFTER_DAYS: '365' })).toEqual({ minimiseAfterDays: 365 });
  });

  it('refuses zero, negative, fractional and non-numeric values, naming the setting', () => {
    for (const bad of ['0', '-1', '1.5', 'three years']) {
      expect(() => retentionSettings({ DSAR_MINIMISE_AFTER_DAYS: bad })).toThrow(ConfigError);
      expect(() => retentionSettings({ DSAR_MINIMISE_AFTER_DAYS: bad })).toThrow(/DSAR_MINIMISE_AFTER_DAYS/);
    }
  });
});
