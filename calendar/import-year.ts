/**
 * `dsar calendar import FILE`: one official year, validated (domain/legal-time/calendar-import.ts), written
 * atomically as `ru-<year>.json` under DSAR_CALENDAR_DIR, where the API and the workers read it at start.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LegalTimeError, parseCalendarImport, withOverrides, type Calendar } from '../domain/legal-time';
import { ConfigError } from '../platform/config-error';

export interface ImportResult {
  year: number;
  source: string;
  file: string;
  /** calendar.version before and after: the workers re-plan open cases when theirs changes (docs/adr/015). */
  versionBefore: string;
  versionAfter: string;
  /** False with --dry-run: validated, nothing written. */
  written: boolean;
}

function calendarDirOf(dir: string | undefined): string {
  if (!dir) {
    throw new ConfigError('DSAR_CALENDAR_DIR is not set: set it to the folder the API and the workers read calendar years from '
      + '(e.g. DSAR_CALENDAR_DIR=/etc/dsar/calendar, the same for every process), then import again.');
  }
  let isDir = false;
  try { isDir = statSync(dir).isDirectory(); } catch { /* reported below */ }
  if (!isDir) throw new ConfigError(`DSAR_CALENDAR_DIR=${dir} is not a folder: create it (mkdir -p ${dir}) or point DSAR_CALENDAR_DIR at the right one.`);
  return dir;
}

/** Another file of the folder that holds the same year would make start-up refuse the folder (a year given twice). */
function otherFileOfYear(dir: string, year: number, target: string): string | undefined {
  return readdirSync(dir).filter((f) => f.endsWith('.json') && f !== target).find((f) => {
    try { return (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { year?: unknown }).year === year; } catch { return false; }
  });
}

/** Write to a temporary file, flush it, rename it over the target: a reader sees the old year or the new one, never half. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o644 });
  const fd = openSync(temp, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(temp, file);
  const dirFd = openSync(path.dirname(file), 'r');
  try { fsyncSync(dirFd); } finally { closeSync(dirFd); }
}

export function importCalendarYear(opts: { dir: string | undefined; text: string; current: Calendar; dryRun?: boolean }): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(opts.text);
  } catch (err) {
    throw new LegalTimeError('invalid_calendar', `the file is not valid JSON (${(err as Error).message}); see docs/calendar/ru-2026.import.json for the format`);
  }
  const year = parseCalendarImport(raw);
  const dir = calendarDirOf(opts.dir);
  const name = `ru-${year.year}.json`;
  const other = otherFileOfYear(dir, year.year, name);
  if (other) throw new LegalTimeError('calendar_duplicate_year', `${path.join(dir, other)} already holds ${year.year}: remove it, then import again`);
  const after = withOverrides(opts.current, [year]);
  const file = path.join(dir, name);
  if (!opts.dryRun) writeAtomically(file, `${JSON.stringify(year, null, 2)}\n`);
  return { year: year.year, source: year.source, file, versionBefore: opts.current.version, versionAfter: after.version, written: !opts.dryRun };
}
