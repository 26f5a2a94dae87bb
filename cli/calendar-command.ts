/**
 * `dsar calendar status|import`: how current the production calendar is, and adding an official year without a
 * code release (docs/adr/015). Parses and prints only; the logic is in calendar/ and domain/legal-time/.
 *
 * status: human text, or one JSON object with --json; exit 0, or 3 within 90 days of the end of the last official year.
 * import: one JSON line {year, source, file, versionBefore, versionAfter, written} on stdout; a refused file exits 2
 * with {"error":{"code","message"}} on stdout and the message on stderr; a setting to fix exits 1.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importCalendarYear } from '../calendar/import-year';
import { calendarStatus, isLegalTimeError, type Calendar } from '../domain/legal-time';
import { ConfigError } from '../platform/config-error';

export interface CalendarCommandDeps {
  loadCalendar: () => Calendar;
  calendarDir: () => string | undefined;
  /** Today in the operator's time zone, YYYY-MM-DD. */
  today: () => string;
}

export function registerCalendarCommands(program: Command, deps: CalendarCommandDeps): Command {
  const calendar = program.command('calendar').description('the production calendar: status and import of an official year');
  calendar.command('status').description('years covered, provisional ones, days left until the last official year ends')
    .option('--json', 'one JSON object instead of text')
    .action((flags: { json?: boolean }) => {
      const s = calendarStatus(deps.loadCalendar(), deps.today());
      if (flags.json) console.log(JSON.stringify(s));
      else {
        console.log(`calendar version: ${s.version}`);
        console.log(`years:            ${s.years.join(', ') || 'none (statutory base only)'}`);
        console.log(`provisional:      ${s.provisional.join(', ') || 'none'}`);
        console.log(`official until:   ${s.officialUntil ?? 'no official year'}${s.daysLeft === null ? '' : ` (${s.daysLeft} day(s) left)`}`);
      }
      if (s.warning) {
        console.error(`warning: ${s.message}`);
        process.exitCode = 3;
      }
    });
  calendar.command('import').description('validate one official year (decree, days off, transfers, shortened days) and write it under DSAR_CALENDAR_DIR')
    .argument('<file>', 'the year as JSON (format: README "Production calendar", example docs/calendar/ru-2026.import.json)')
    .option('--dry-run', 'validate and show the new calendar version without writing')
    .action((file: string, flags: { dryRun?: boolean }) => {
      try {
        const result = importCalendarYear({ dir: deps.calendarDir(), text: readFileSync(file, 'utf8'), current: deps.loadCalendar(), dryRun: flags.dryRun });
        console.log(JSON.stringify(result));
        if (result.versionBefore === result.versionAfter) console.error(`dsar: ${result.year} is unchanged: the calendar version stays ${result.versionAfter}.`);
        else if (result.written) console.error(`dsar: wrote ${result.file}. Restart the API and the workers: the first worker to start re-plans the open cases on ${result.versionAfter}.`);
      } catch (err) {
        if (isLegalTimeError(err)) {
          console.log(JSON.stringify({ error: err.toJSON() }));
          console.error(`dsar: ${err.message}`);
          process.exitCode = 2;
        } else if (err instanceof ConfigError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
          console.error(`dsar: ${(err as Error).message}`);
          process.exitCode = 1;
        } else throw err;
      }
    });
  return calendar;
}
