import { type Command, InvalidArgumentError } from 'commander';
import { ROLES, issueToken, listTokens, revokeToken, type Role } from '../api/features/tokens/token-store';
import { parseExpiresIn } from './expires-in';
import { withPool } from './with-pool';

interface Deps {
  databaseUrl: () => string;
  /** Reports that PostgreSQL cannot be used and exits. */
  unreachable: (err: unknown) => never;
}

/** Exit code for "that token does not exist", distinct from 1 (cannot run at all). */
export const EXIT_NOT_FOUND = 2;

const say = (m: string) => console.error(`dsar: ${m}`);

/** `dsar token create|list|revoke`: results on stdout, messages on stderr. */
export function registerTokenCommands(program: Command, deps: Deps): void {
  const token = program.command('token').description('API bearer tokens');

  token.command('create')
    .description('create a token and print it (only once) on stdout')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v: string) => {
      if (!ROLES.includes(v as Role)) throw new InvalidArgumentError(`use one of ${ROLES.join(', ')}`);
      return v as Role;
    })
    .option('--name <name>', 'who or what holds the token (recorded as the actor in the audit log)', `${process.env.USER ?? 'user'}`)
    .option('--expires-in <duration>', 'lifetime, e.g. 12h, 90d, 4w (default: no expiry; revoke it when no longer needed)', parseExpiresIn)
    .action(({ role, name, expiresIn }: { role: Role; name: string; expiresIn?: number }) => withPool(deps, async (pool) => {
      const expiresAt = expiresIn === undefined ? undefined : new Date(Date.now() + expiresIn);
      const { id, token: value } = await issueToken(pool, role, name, { expiresAt });
      const lifetime = expiresAt ? `expires ${expiresAt.toISOString()}` : 'does not expire';
      say(`created ${role} token ${id} for "${name}" (${lifetime}; revoke with \`npx dsar token revoke ${id}\`). Keep it secret; it is not shown again.`);
      process.stdout.write(`${value}\n`);
    }));

  token.command('list')
    .description('one JSON line per token (id, name, role, dates); never the token itself')
    .action(() => withPool(deps, async (pool) => {
      for (const info of await listTokens(pool)) process.stdout.write(`${JSON.stringify(info)}\n`);
    }));

  token.command('revoke')
    .description('revoke a token by its id (from `token list`); revoking twice is harmless')
    .argument('<id>', 'token id', (v: string) => {
      if (!/^[1-9][0-9]{0,15}$/.test(v)) throw new InvalidArgumentError('use the numeric id shown by `npx dsar token list`');
      return Number(v);
    })
    .action((id: number) => withPool(deps, async (pool) => {
      const outcome = await revokeToken(pool, id);
      if (outcome === 'not_found') {
        say(`no token with id ${id}; \`npx dsar token list\` shows the ids.`);
        process.exitCode = EXIT_NOT_FOUND;
      } else {
        say(outcome === 'revoked' ? `revoked token ${id}; requests with it are refused from now on.` : `token ${id} was already revoked; nothing changed.`);
      }
    }));
}
