import type { Command } from 'commander';
import type pg from 'pg';
import { letterSettings } from '../platform/config';
import { createPool, migrate } from '../platform/db';
import { createSmtpTransport } from '../letters/smtp';
import { queuedLetterIds } from '../letters/outbox';
import { sendAllQueued } from '../letters/send';

interface Deps {
  databaseUrl: () => string;
  /** Reports that PostgreSQL cannot be used and exits. */
  unreachable: (err: unknown) => never;
}

/** Exit code when some letters could not be sent (still queued, or refused): distinct from 1 (cannot run at all). */
export const EXIT_NOT_ALL_SENT = 3;

const say = (m: string) => console.error(`dsar: ${m}`);

/** `dsar letters send-queued`: sends what waited in the outbox, e.g. after SMTP_URL was set. */
export function registerLetterCommands(program: Command, deps: Deps): void {
  const letters = program.command('letters').description('the letters outbox');
  letters.command('send-queued')
    .description('send every queued letter once through SMTP_URL; prints {"sent","failed","rejected"} on stdout')
    .action(async () => {
      const settings = letterSettings();
      if (!settings.smtp) {
        say('SMTP_URL is not set: letters stay queued in the outbox. Set SMTP_URL (and SMTP_PASSWORD_FILE) and run this again.');
        process.exitCode = 1;
        return;
      }
      const pool: pg.Pool = createPool(deps.databaseUrl(), 1);
      const transport = createSmtpTransport(settings.smtp);
      try {
        await migrate(deps.databaseUrl());
        const ids = await queuedLetterIds(pool).catch(deps.unreachable);
        const summary = await sendAllQueued(pool, transport, ids, say);
        say(`${ids.length} queued: ${summary.sent} sent, ${summary.failed} still queued (SMTP error, try again later), ${summary.rejected} refused by the server.`);
        process.stdout.write(`${JSON.stringify({ sent: summary.sent, failed: summary.failed, rejected: summary.rejected })}\n`);
        if (summary.failed + summary.rejected > 0) process.exitCode = EXIT_NOT_ALL_SENT;
      } catch (err) {
        deps.unreachable(err);
      } finally {
        transport?.close();
        await pool.end();
      }
    });
}
