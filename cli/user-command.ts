import { type Command, InvalidArgumentError } from 'commander';
import isEmail from 'validator/lib/isEmail';
import { generatePassword, passwordProblem } from '../users/password';
import { USER_ROLES, createUser, resetPassword, type UserRole } from '../users/user-store';
import { withPool, type DatabaseDeps } from './with-pool';

/** Exit codes beside 1 (cannot run at all): 2 no such user, 3 the user exists, 4 the password is refused. */
export const EXIT_NO_USER = 2;
export const EXIT_USER_EXISTS = 3;
export const EXIT_BAD_PASSWORD = 4;

const say = (m: string) => console.error(`dsar: ${m}`);

/**
 * The password: read from stdin when something is piped in (`printf %s "$PW" | npx dsar user create …`), so it
 * never appears in the shell history or the process list; otherwise generated and printed once on stdout.
 */
async function passwordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

async function choosePassword(): Promise<{ password: string; generated: boolean } | undefined> {
  const given = await passwordFromStdin();
  if (given === undefined) return { password: generatePassword(), generated: true };
  const problem = passwordProblem(given);
  if (!problem) return { password: given, generated: false };
  say(`${problem}; nothing was changed.`);
  process.exitCode = EXIT_BAD_PASSWORD;
  return undefined;
}

const email = (v: string) => {
  if (!isEmail(v, { allow_utf8_local_part: true, require_tld: false })) throw new InvalidArgumentError('use an e-mail address such as olga@example.ru');
  return v;
};

/** `dsar user create|reset-password`: accounts for the web console (the API keeps using tokens). */
export function registerUserCommands(program: Command, deps: DatabaseDeps, consoleUrl: () => string): void {
  const user = program.command('user').description('web console accounts');

  user.command('create')
    .description('create a console account; the password comes from stdin, or is generated and printed once')
    .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`, (v: string) => {
      if (!USER_ROLES.includes(v as UserRole)) throw new InvalidArgumentError(`use one of ${USER_ROLES.join(', ')}`);
      return v as UserRole;
    })
    .requiredOption('--email <email>', 'the sign-in name', email)
    .option('--name <name>', 'the name shown and recorded as the actor in the audit log (default: the e-mail)')
    .action(async (o: { role: UserRole; email: string; name?: string }) => {
      const chosen = await choosePassword();
      if (!chosen) return;
      await withPool(deps, async (pool) => {
        const created = await createUser(pool, { email: o.email, name: o.name ?? o.email, role: o.role, password: chosen.password });
        if (created === 'exists') {
          say(`a user ${o.email} already exists; set a new password with \`npx dsar user reset-password --email ${o.email}\`.`);
          process.exitCode = EXIT_USER_EXISTS;
          return;
        }
        say(`created ${o.role} ${o.email}; sign in at ${consoleUrl()}${chosen.generated ? ' with the password on stdout (shown only now)' : ''}.`);
        if (chosen.generated) process.stdout.write(`${chosen.password}\n`);
      });
    });

  user.command('reset-password')
    .description('set a new password (stdin, or generated and printed once), lift a lockout and sign the user out everywhere')
    .requiredOption('--email <email>', 'the account', email)
    .action(async (o: { email: string }) => {
      const chosen = await choosePassword();
      if (!chosen) return;
      await withPool(deps, async (pool) => {
        if (!(await resetPassword(pool, o.email, chosen.password))) {
          say(`no user ${o.email}; create one with \`npx dsar user create --role officer --email ${o.email}\`.`);
          process.exitCode = EXIT_NO_USER;
          return;
        }
        say(`new password set for ${o.email}; the lockout is lifted and every session of the user ended.`);
        if (chosen.generated) process.stdout.write(`${chosen.password}\n`);
      });
    });
}
