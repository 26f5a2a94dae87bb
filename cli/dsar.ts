import { Command } from 'commander';
import { legalTimeSettings } from '../platform/config';
import { loadLegalTime } from '../platform/legal-time-config';
import { localEngine } from '../platform/local-engine';
import { operatorProfileFromEnv } from '../operator/profile';
import { registerAuditCommands } from './audit-command';
import { registerCalendarCommands } from './calendar-command';
import { operatorToday } from '../calendar/status-now';
import { registerActCommands } from './acts-command';
import { registerDatabaseCommands } from './db-command';
import { registerDeadlineCommand } from './deadline-command';
import { registerIntakeCommands } from './intake-command';
import { registerLetterCommands } from './letters-command';
import { registerTokenCommands } from './token-commands';
import { registerUserCommands } from './user-command';

/** `npx dsar …`: operator commands. Results go to stdout, messages to stderr. */
const program = new Command('dsar').description('DSAR engine command line').showHelpAfterError();
// The same settings as `npm start` (DATABASE_URL, else DSAR_PG_PORT; PORT and HOST): the engine this shell started.
const databaseUrl = () => localEngine(process.env).databaseUrl;

function unreachable(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`dsar: cannot use PostgreSQL at ${databaseUrl().replace(/\/\/[^@]*@/, '//***@')}: ${message}\n` +
    'Start the engine with `npm start` (embedded PostgreSQL on DSAR_PG_PORT, default 54329; give this command the same DSAR_PG_PORT), or set DATABASE_URL to your server.');
  process.exit(1);
}

registerTokenCommands(program, { databaseUrl, unreachable });
registerUserCommands(program, { databaseUrl, unreachable }, () => `${localEngine(process.env).baseUrl}/`);
registerLetterCommands(program, { databaseUrl, unreachable });
registerAuditCommands(program, { databaseUrl, unreachable });
registerActCommands(program, { databaseUrl, unreachable });
registerIntakeCommands(program, { operator: () => operatorProfileFromEnv(process.env) });

registerDatabaseCommands(program, { ownerUrl: () => localEngine(process.env).ownerDatabaseUrl, unreachable });

// The CLI needs no payload key: it reads only the legal-time settings, once, when a command uses them.
let legalTime: ReturnType<typeof loadLegalTime> | undefined;
const settings = () => (legalTime ??= loadLegalTime(legalTimeSettings()));
registerDeadlineCommand(program, {
  loadCalendar: () => settings().calendar,
  timeZone: () => settings().timeZone,
  internalTerms: () => settings().internalTerms,
});

registerCalendarCommands(program, {
  loadCalendar: () => settings().calendar,
  calendarDir: () => legalTimeSettings().calendarDir,
  today: () => operatorToday(settings().timeZone),
});

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(`dsar: ${err.message}`);
  process.exit(1);
});
