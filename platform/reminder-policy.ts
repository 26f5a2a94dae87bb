import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../domain/case/reminders';
import { ConfigError } from './config-error';

const FIELDS: Record<keyof ReminderPolicy, (v: unknown) => boolean> = {
  halfTerm: (v) => typeof v === 'boolean',
  assigneeBefore: (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 1 && n <= 30),
  dpoBefore: (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 1 && n <= 30),
  hour: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 23,
  dailyAfterDue: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 260,
};

/**
 * DSAR_REMINDER_POLICY: JSON overriding parts of the default reminder policy, e.g.
 * {"assigneeBefore":[3,1],"hour":10}. Refused at start-up when a field is unknown or out of range.
 */
export function reminderPolicy(raw: string | undefined): ReminderPolicy {
  if (!raw) return DEFAULT_REMINDER_POLICY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('DSAR_REMINDER_POLICY must be JSON, e.g. {"assigneeBefore":[2,1],"dpoBefore":[1],"hour":9}.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('DSAR_REMINDER_POLICY must be a JSON object.');
  for (const [key, value] of Object.entries(parsed)) {
    const check = FIELDS[key as keyof ReminderPolicy];
    if (!check) throw new ConfigError(`DSAR_REMINDER_POLICY has an unknown field "${key}"; known: ${Object.keys(FIELDS).join(', ')}.`);
    if (!check(value)) {
      throw new ConfigError(`DSAR_REMINDER_POLICY.${key}=${JSON.stringify(value)} is out of range: halfTerm true/false; assigneeBefore and dpoBefore lists of 1–30 working days; hour 0–23; dailyAfterDue 0–260.`);
    }
  }
  return { ...DEFAULT_REMINDER_POLICY, ...(parsed as Partial<ReminderPolicy>) };
}
