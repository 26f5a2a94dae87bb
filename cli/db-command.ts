import type { Command } from 'commander';
import { APP_LOGIN, ensureAppLogin } from '../platform/db-login';
import { migrate } from '../platform/db';

interface Deps {
  /** The owner's connection (DATABASE_OWNER_URL, else DATABASE_URL). */
  ownerUrl: () => string;
  unreachable: (err: unknown) => never;
}

/** `dsar migrate` and `dsar app-login`: what the owner does before the engine starts (ADR 017). */
export function registerDatabaseCommands(program: Command, deps: Deps): void {
  program.command('migrate').description('apply pending database migrations, as the owner (DATABASE_OWNER_URL, else DATABASE_URL)').action(async () => {
    await migrate(deps.ownerUrl(), (m) => console.error(m)).catch(deps.unreachable);
  });

  program.command('app-login')
    .description('as the owner, create or reset the app\'s login role (member of dsar_app only); password from DSAR_DB_APP_PASSWORD')
    .option('--login <name>', 'the role name', APP_LOGIN)
    .action(async ({ login }: { login: string }) => {
      // From the environment, never argv: a command line is visible to every user in `ps`.
      const password = process.env.DSAR_DB_APP_PASSWORD;
      if (!password || password.length < 16) {
        console.error('dsar: set DSAR_DB_APP_PASSWORD (16+ characters) to the password the API, worker and intake will use.');
        process.exitCode = 78;
        return;
      }
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login)) {
        console.error(`dsar: --login ${login} is not a role name: use lower-case letters, digits and _.`);
        process.exitCode = 78;
        return;
      }
      await ensureAppLogin(deps.ownerUrl(), login, password).catch(deps.unreachable);
      console.error(`dsar: login role ${login} is a member of dsar_app only; give the API, worker and intake DATABASE_URL=postgres://${login}:…@…`);
    });
}
