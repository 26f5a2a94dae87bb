import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  builtInCalendar, validateInternalTerms, withOverrides,
  type Calendar, type CalendarYear, type InternalTerms,
} from '../domain/legal-time';
import { ConfigError } from './config';

/** The operator's legal-time settings: calendar (built-in + overrides), time zone, internal terms. */
export interface LegalTime {
  calendar: Calendar;
  timeZone: string;
  internalTerms: InternalTerms;
}

/**
 * Reads operator overrides: every `*.json` in DSAR_CALENDAR_DIR is one calendar year that adds or
 * replaces the built-in one (e.g. the 2027 decree once it is published). Refused at start-up when
 * invalid, as is an internal term longer than the statute.
 */
export function loadLegalTime(cfg: { calendarDir?: string; timeZone: string; internalTerms: Record<string, { n: number }> }): LegalTime {
  let calendar = builtInCalendar();
  if (cfg.calendarDir) {
    const dir = cfg.calendarDir;
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      throw new ConfigError(`DSAR_CALENDAR_DIR=${dir} cannot be read: point it at a folder of calendar-year JSON files.`);
    }
    const years = files.map((f) => {
      try {
        return JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CalendarYear;
      } catch (err) {
        throw new ConfigError(`${path.join(dir, f)} is not valid JSON: ${(err as Error).message}`);
      }
    });
    calendar = withOverrides(calendar, years);
  }
  const internalTerms = validateInternalTerms(cfg.internalTerms as InternalTerms);
  return { calendar, timeZone: cfg.timeZone, internalTerms };
}
