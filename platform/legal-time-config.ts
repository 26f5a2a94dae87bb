import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  builtInCalendar, splitPromisedTerms, withOverrides,
  type Calendar, type CalendarYear, type InternalTerms, type PromisedTerms,
} from '../domain/legal-time';
import { ConfigError } from './config-error';

/** The operator's legal-time settings: calendar (built-in + overrides), time zone, internal terms (from the profile). */
export interface LegalTime {
  calendar: Calendar;
  timeZone: string;
  internalTerms: InternalTerms;
}

/**
 * Reads operator overrides: every `*.json` in DSAR_CALENDAR_DIR is one calendar year that adds or
 * replaces the built-in one (e.g. the 2027 decree once it is published). Refused at start-up when
 * invalid. The internal terms are the operator profile's promised terms, each at most the statute
 * (a longer promise is applied as the statute and reported as a conflict, see operator/profile.ts).
 */
export function loadLegalTime(cfg: { calendarDir?: string; timeZone: string; operator: { promisedTerms: PromisedTerms } }): LegalTime {
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
  const { applied: internalTerms } = splitPromisedTerms(cfg.operator.promisedTerms);
  return { calendar, timeZone: cfg.timeZone, internalTerms };
}
