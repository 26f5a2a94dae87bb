import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import type pg from 'pg';
import { letterSettings } from '../platform/config';
import { createPool, migrate } from '../platform/db';
import { createSmtpTransport } from '../letters/smtp';
import { getLetter, LETTER_STATUSES, lettersWithStatus, queuedLetterIds, type LetterRow, type LetterStatus } from '../letters/outbox';
import { LetterSendFailed, resendUnconfirmedLetter, sendAllQueued } from '../letters/send';
import { withPool, type DatabaseDeps } from './with-pool';

type Deps = DatabaseDeps;

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
        say(`${ids.length} queued: ${summary.sent} sent, ${summary.failed} still queued (SMTP error, try again later), ${summary.rejected} refused by the server` +
          (summary.unconfirmed ? `, ${summary.unconfirmed} unconfirmed (see \`npx dsar letters list --status unconfirmed\`).` : '.'));
        process.stdout.write(`${JSON.stringify({ sent: summary.sent, failed: summary.failed, rejected: summary.rejected })}\n`);
        if (summary.failed + summary.rejected + summary.unconfirmed > 0) process.exitCode = EXIT_NOT_ALL_SENT;
      } catch (err) {
        deps.unreachable(err);
      } finally {
        transport?.close();
        await pool.end();
      }
    });

  letters.command('list')
    .description('one JSON line per letter with the given status (id, case, kind, status, Message-ID, attempts, dates); never addresses or text')
    .option('--status <status>', `one of ${LETTER_STATUSES.join(', ')}`, (v: string) => {
      if (!LETTER_STATUSES.includes(v as LetterStatus)) throw new InvalidArgumentError(`use one of ${LETTER_STATUSES.join(', ')}`);
      return v as LetterStatus;
    }, 'unconfirmed')
    .action(({ status }: { status: LetterStatus }) => withPool(deps, async (pool) => {
      for (const l of await lettersWithStatus(pool, status)) process.stdout.write(`${JSON.stringify(listed(l))}\n`);
    }));

  letters.command('resend')
    .description('send an unconfirmed letter once more (same Message-ID), after checking the mail server log that it never arrived; audited')
    .argument('<id>', 'letter id (from `letters list`)', (v: string) => {
      if (!/^[1-9][0-9]{0,15}$/.test(v)) throw new InvalidArgumentError('use the numeric id shown by `npx dsar letters list`');
      return Number(v);
    })
    .option('--name <name>', 'who resends (recorded as the actor in the audit log)', `${process.env.USER ?? 'user'}`)
    .action((id: number, { name }: { name: string }) => withPool(deps, async (pool) => {
      const settings = letterSettings();
      if (!settings.smtp) {
        say('SMTP_URL is not set: nothing can be sent. Set SMTP_URL (and SMTP_PASSWORD_FILE) and run this again.');
        process.exitCode = 1;
        return;
      }
      const letter = await getLetter(pool, id);
      if (!letter) {
        say(`no letter ${id}; \`npx dsar letters list --status unconfirmed\` shows the ids.`);
        process.exitCode = EXIT_NOT_ALL_SENT;
        return;
      }
      await resend(pool, letter, name, createSmtpTransport(settings.smtp)!);
    }));
}

/** The resend and its audit row (written first: no audit row, no resend), and the outcome said plainly. */
async function resend(pool: pg.Pool, letter: LetterRow, actor: string, transport: NonNullable<ReturnType<typeof createSmtpTransport>>) {
  try {
    if (letter.status === 'unconfirmed') {
      await pool.query(
        `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key) VALUES ($1, $2, 'letter.resend', $3, $4, $5)`,
        [letter.caseId, actor, `Unconfirmed ${letter.kind} letter resent by hand after checking the mail server log`,
          { letterId: letter.id, kind: letter.kind, messageId: letter.messageId, attemptsBefore: letter.attempts }, `letter.resend:${randomUUID()}`],
      );
    }
    await resendUnconfirmedLetter(pool, transport, letter.id);
    say(`letter ${letter.id} sent again with Message-ID ${letter.messageId}; it is now sent.`);
    process.stdout.write(`${JSON.stringify({ id: letter.id, status: 'sent', messageId: letter.messageId })}\n`);
  } catch (err) {
    say((err as Error).message);
    process.exitCode = EXIT_NOT_ALL_SENT;
    if (err instanceof LetterSendFailed) say('the letter is queued again; the next attempt (`npx dsar letters send-queued`) retries it.');
  } finally {
    transport.close();
  }
}

const listed = (l: LetterRow) => ({
  id: l.id, caseId: l.caseId, kind: l.kind, status: l.status, messageId: l.messageId, attempts: l.attempts,
  sendingSince: l.sendingSince?.toISOString() ?? null, lastError: l.lastError, createdAt: l.createdAt.toISOString(), sentAt: l.sentAt?.toISOString() ?? null,
});
