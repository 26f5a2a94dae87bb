import { Command, InvalidArgumentError } from 'commander';
import { DEV_DATABASE_URL, legalTimeSettings } from '../platform/config';
import { createPool, migrate } from '../platform/db';
import { loadLegalTime } from '../platform/legal-time-config';
import { ROLES, createToken, type Role } from '../api/features/tokens/token-store';
import { registerDeadlineCommand } from './deadline-command';

/** `npx dsar …`: operator commands. Results go to stdout, messages to stderr. */
const program = new Command('dsar').description('DSAR engine command line').showHelpAfterError();
const databaseUrl = () => process.env.DATABASE_URL || DEV_DATABASE_URL;

function unreachable(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`dsar: cannot use PostgreSQL at ${databaseUrl().replace(/\/\/[^@]*@/, '//***@')}: ${message}\n` +
    'Start the engine with `npm start` (embedded PostgreSQL), or set DATABASE_URL to your server.');
  process.exit(1);
}

const token = program.command('token').description('API bearer tokens');
token.command('create')
  .description('create a token and print it (only once) on stdout')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v: string) => {
    if (!ROLES.includes(v as Role)) throw new InvalidArgumentError(`use one of ${ROLES.join(', ')}`);
    return v as Role;
  })
  .option('--name <name>', 'who or what holds the token (recorded as the actor in the audit log)', `${process.env.USER ?? 'user'}`)
  .action(async ({ role, name }: { role: Role; name: string }) => {
    const pool = createPool(databaseUrl(), 1);
    try {
      await migrate(databaseUrl());
      const value = await createToken(pool, role, name);
      console.error(`dsar: created ${role} token for "${name}". Keep it secret; it is not shown again.`);
      process.stdout.write(`${value}\n`);
    } catch (err) {
      unreachable(err);
    } finally {
      await pool.end();
    }
  });

program.command('migrate').description('apply pending database migrations').action(async () => {
  await migrate(databaseUrl(), (m) => console.error(m)).catch(unreachable);
});

// The CLI needs no payload key: it reads only the legal-time settings, once, when a command uses them.
let legalTime: ReturnType<typeof loadLegalTime> | undefined;
const settings = () => (legalTime ??= loadLegalTime(legalTimeSettings()));
registerDeadlineCommand(program, {
  loadCalendar: () => settings().calendar,
  timeZone: () => settings().timeZone,
  internalTerms: () => settings().internalTerms,
});

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(`dsar: ${err.message}`);
  process.exit(1);
});
